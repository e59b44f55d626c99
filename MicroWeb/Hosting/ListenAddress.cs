using System.Net;
using System.Net.Sockets;

namespace MicroWeb.Hosting;

/// <summary>
/// What users type as a host (<c>0.0.0.0</c>, <c>::</c>, <c>localhost</c>) and port (0), understood: which host means
/// "all interfaces", which is loopback, what URL to show, which port is free.
/// </summary>
internal static class ListenAddress
{
    public static bool IsAllInterfaces(string host) => host is "0.0.0.0" or "::" or "[::]" or "*" or "+" or "";

    public static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The URL to show to a person for a prefix (a browsable address for "all interfaces").</summary>
    public static string Display(string host, int port) =>
        IsAllInterfaces(host) ? $"http://127.0.0.1:{port}/" : $"http://{(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host)}:{port}/";

    /// <summary>Asks the OS for a free port (HttpListener cannot bind port 0 itself).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
