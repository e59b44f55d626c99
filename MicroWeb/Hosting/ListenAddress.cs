using System.Net;
using System.Net.Sockets;

namespace MicroWeb.Hosting;

/// <summary>
/// Turns what users type (<c>0.0.0.0</c>, <c>::</c>, <c>localhost</c>, port 0) into an HttpListener prefix,
/// which on Linux accepts only <c>+</c> or <c>*</c> for "all interfaces".
/// </summary>
internal static class ListenAddress
{
    public static bool IsAllInterfaces(string host) => host is "0.0.0.0" or "::" or "[::]" or "*" or "+" or "";

    public static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// The prefixes for a host. HttpListener also matches the Host header against the prefix, so a server on
    /// 127.0.0.1 would answer "http://localhost:5000/" with its own 404: loopback gets both names.
    /// </summary>
    public static IReadOnlyList<string> Prefixes(string host, int port) => host is "127.0.0.1" or "localhost"
        ? [Prefix("127.0.0.1", port), Prefix("localhost", port)]
        : [Prefix(host, port)];

    private static string Prefix(string host, int port)
    {
        var h = IsAllInterfaces(host) ? "+" : host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
        return $"http://{h}:{port}/";
    }

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
