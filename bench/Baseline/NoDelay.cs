using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Baseline;

/// <summary>TCP_NODELAY on the managed HttpListener's listening sockets (accepted connections inherit it on Linux).</summary>
internal static class NoDelay
{
    public static int OnListeningSockets()
    {
        var table = typeof(HttpListener).Assembly.GetType("System.Net.HttpEndPointManager")!
            .GetFields(BindingFlags.Static | BindingFlags.NonPublic).Select(f => f.GetValue(null)).OfType<IDictionary>().First();
        var sockets = table.Values.OfType<IDictionary>().SelectMany(ports => ports.Values.Cast<object>())
            .Select(l => (Socket)l.GetType().GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(l)!).ToList();
        foreach (var socket in sockets) socket.NoDelay = true;
        return sockets.Count;
    }
}
