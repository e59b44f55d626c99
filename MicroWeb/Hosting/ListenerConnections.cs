using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MicroWeb.Hosting;

/// <summary>
/// What MicroWeb needs from a managed HttpListener connection that HttpListener does not offer: a real reset, and
/// the header bytes as received. Both go through its internals (HttpListenerContext.Connection, HttpConnection's
/// socket, read buffer and parse position), reached by <see cref="UnsafeAccessorAttribute"/> accessors: no reflection
/// or code generation at startup. Where those internals differ, an accessor throws a
/// <see cref="MissingMemberException"/> on its first call; from then on each member does what it says instead.
/// </summary>
internal static class ListenerConnections
{
    private const string HttpConnection = "System.Net.HttpConnection, System.Net.HttpListener";

    // 0 until the first connection is looked at, then 1 when the internals are there and -1 when they are not.
    private static int s_state;

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Connection")]
    [return: UnsafeAccessorType(HttpConnection)]
    private static extern object ConnectionOf(HttpListenerContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_socket")]
    private static extern ref Socket? SocketOf([UnsafeAccessorType(HttpConnection)] object connection);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_memoryStream")]
    private static extern ref MemoryStream? ReceivedOf([UnsafeAccessorType(HttpConnection)] object connection);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_position")]
    private static extern ref int ParsedOf([UnsafeAccessorType(HttpConnection)] object connection);

    /// <summary>The context's connection, or null where HttpListener's internals differ.</summary>
    private static object? Connection(HttpListenerContext context)
    {
        if (s_state == 0) s_state = Probe(() => { var c = ConnectionOf(context); _ = SocketOf(c); _ = ReceivedOf(c); _ = ParsedOf(c); }) ? 1 : -1;
        return s_state > 0 ? ConnectionOf(context) : null;
    }

    // An accessor whose member is not there throws on its first call.
    private static bool Probe(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (Exception e) when (e is MissingMemberException or TypeLoadException)
        {
            return false;
        }
    }

    /// <summary>
    /// Ends the connection with a TCP reset, so the client (or proxy) sees a failed request, never a response. On
    /// its own, <see cref="HttpListenerResponse.Abort"/> first sends the headers if none went out yet: a 200 with an
    /// empty body. It also writes synchronously, which would block on a client that stopped reading; a closed
    /// socket makes every write fail at once. Where the socket cannot be reached, the response is turned into a
    /// 503 before the abort, so what goes out is at least not a success.
    /// </summary>
    public static void Reset(HttpListenerContext context)
    {
        var reset = false;
        try
        {
            if (Connection(context) is { } connection && SocketOf(connection) is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0); // close() sends RST, discarding unsent data
                socket.Close();
                reset = true;
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or NullReferenceException)
        {
            reset = true; // already closed
        }
        if (!reset)
        {
            try
            {
                context.Response.StatusCode = 503;
                context.Response.KeepAlive = false;
            }
            catch (InvalidOperationException) { /* headers already sent */ }
        }
        try { context.Response.Abort(); }
        catch (Exception) { /* the connection is gone either way */ }
    }

    /// <summary>
    /// Shuts down every connection still open, before the listener is closed: closing it would otherwise "answer"
    /// each idle kept-alive connection (and each one still sending its headers) with an unsolicited empty 200,
    /// which a client that sends its next request at that moment takes for the answer to it. A plain TCP close
    /// instead tells it to retry on a new connection. <paramref name="more"/> holds connections not yet handed to
    /// the listener (a listening endpoint's). Does nothing where the internals differ.
    /// </summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, typeof(HttpListener))]
    public static void ShutDownAll(HttpListener listener, IEnumerable<System.Collections.IEnumerable> more)
    {
        if (s_state < 0) return;
        var connections = new List<object>();
        try
        {
            if (typeof(HttpListener).GetField("_connections", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(listener) is System.Collections.IDictionary table)
                lock (table) connections.AddRange(table.Keys.Cast<object>());
            foreach (var set in more)
                lock (set) connections.AddRange(set.Cast<object>());
        }
        catch (InvalidOperationException) { /* changed while being read: shut down what was found */ }
        if (s_state == 0 && connections.Count > 0 && !Probe(() => _ = SocketOf(connections[0]))) return;
        foreach (var connection in connections)
        {
            try { SocketOf(connection)?.Shutdown(SocketShutdown.Both); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }
    }

    /// <summary>True once a send on the connection failed (the client reset or closed it); false when unknown.</summary>
    public static bool IsClosed(HttpListenerContext context)
    {
        try
        {
            return Connection(context) is { } connection && SocketOf(connection) is { Connected: false };
        }
        catch (Exception e) when (e is NullReferenceException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// True when the request's header section, as received, has a carriage return that does not end a line. RFC 9112
    /// §2.2 says to reject it; HttpListener drops the CR and joins what surrounds it (<c>Host: a\rX-Evil: 1</c> arrives
    /// as <c>Host: aX-Evil: 1</c>). Reads HttpListener's receive buffer before anything consumes the body; false
    /// when it cannot be read.
    /// </summary>
    public static bool HasBareCarriageReturn(HttpListenerContext context)
    {
        try
        {
            if (Connection(context) is not { } connection || ReceivedOf(connection) is not { } received) return false;
            var parsed = ParsedOf(connection);
            if (!received.TryGetBuffer(out var buffer) || parsed > buffer.Count) return false;
            var head = buffer.AsSpan(0, parsed);
            for (var at = head.IndexOf((byte)'\r'); at >= 0; at = head.IndexOf((byte)'\r'))
            {
                if (at + 1 >= head.Length || head[at + 1] != (byte)'\n') return true;
                head = head[(at + 2)..];
            }
            return false;
        }
        catch (Exception e) when (e is NullReferenceException or ObjectDisposedException)
        {
            return false;
        }
    }
}
