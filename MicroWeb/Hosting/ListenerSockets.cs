using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace MicroWeb.Hosting;

/// <summary>
/// Turns Nagle's algorithm off for HttpListener's connections. HttpListener gives no access to its sockets, and with
/// Nagle on, a response that leaves in two writes (a chunked body, then its final empty chunk) waits for the
/// client's delayed ACK on every kept-alive request (bench/README.md, "What moves the ceiling"). Linux copies
/// TCP_NODELAY from a listening socket to the connections it accepts, so setting it once on the listening sockets
/// (found through the managed listener's internals) covers every connection. Where those internals differ (another
/// .NET, Windows' http.sys) nothing is set and nothing breaks.
/// </summary>
internal static class ListenerSockets
{
    /// <summary>Sets TCP_NODELAY on the managed HttpListener's listening sockets for <paramref name="ports"/>; returns how many.</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields | DynamicallyAccessedMemberTypes.NonPublicMethods, "System.Net.HttpEndPointListener", "System.Net.HttpListener")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, "System.Net.HttpEndPointManager", "System.Net.HttpListener")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "HttpListener's internals, kept by the DynamicDependency attributes; where they differ, this returns null and the listener's own path serves.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "HttpListener's internals, kept by the DynamicDependency attributes; where they differ, this returns null and the listener's own path serves.")]
    public static int DisableNagle(IEnumerable<int> ports)
    {
        try
        {
            // HttpEndPointManager keeps, per IP address, a table of port -> HttpEndPointListener, which owns the socket.
            var endpoints = typeof(HttpListener).Assembly.GetType("System.Net.HttpEndPointManager")?
                .GetFields(BindingFlags.Static | BindingFlags.NonPublic).Select(f => f.GetValue(null)).OfType<IDictionary>().FirstOrDefault();
            if (endpoints is null) return 0;
            var wanted = ports.ToHashSet();
            var count = 0;
            lock (endpoints)
            {
                foreach (var byPort in endpoints.Values.OfType<IDictionary>())
                    foreach (DictionaryEntry entry in byPort)
                    {
                        if (entry.Key is not int port || !wanted.Contains(port) || entry.Value is null) continue;
                        var field = entry.Value.GetType().GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic);
                        if (field?.GetValue(entry.Value) is not Socket socket) continue;
                        socket.NoDelay = true;
                        count++;
                    }
            }
            return count;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return 0;
        }
    }
}
