using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace MicroWeb.Hosting;

/// <summary>
/// What MicroWeb needs from a managed HttpListener connection that HttpListener does not offer: a real reset, and
/// the header bytes as received. Both go through its internals (HttpListenerContext.Connection, HttpConnection's
/// socket, read buffer and parse position), read by accessors compiled once; where those internals differ, each
/// member says what it does instead.
/// </summary>
internal static class ListenerConnections
{
    private static readonly Func<HttpListenerContext, Socket?>? GetSocket;
    private static readonly Func<HttpListenerContext, MemoryStream?>? GetReceived;
    private static readonly Func<HttpListenerContext, int>? GetParsed;
    private static readonly Func<object, Socket?>? GetConnectionSocket;
    private static readonly FieldInfo? ListenerConnectionTable =
        typeof(HttpListener).GetField("_connections", BindingFlags.Instance | BindingFlags.NonPublic);

    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicFields, "System.Net.HttpConnection", "System.Net.HttpListener")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicProperties, typeof(HttpListenerContext))]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "HttpListener's internals, kept by the DynamicDependency attributes; where they differ, this returns null and the listener's own path serves.")]
    static ListenerConnections()
    {
        try
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic;
            var connection = typeof(HttpListenerContext).GetProperty("Connection", flags);
            if (connection is null) return;
            var type = connection.PropertyType;
            var context = Expression.Parameter(typeof(HttpListenerContext));
            var owner = Expression.Property(context, connection);
            Func<HttpListenerContext, T>? Field<T>(string name) => type.GetField(name, flags) is { } f && f.FieldType == typeof(T)
                ? Expression.Lambda<Func<HttpListenerContext, T>>(Expression.Field(owner, f), context).Compile()
                : null;
            GetSocket = Field<Socket?>("_socket");
            GetReceived = Field<MemoryStream?>("_memoryStream");
            GetParsed = Field<int>("_position");
            if (type.GetField("_socket", flags) is { } socket && socket.FieldType == typeof(Socket))
            {
                var connectionObject = Expression.Parameter(typeof(object));
                GetConnectionSocket = Expression.Lambda<Func<object, Socket?>>(
                    Expression.Field(Expression.Convert(connectionObject, type), socket), connectionObject).Compile();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Another implementation: every member below has its fallback.
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
            if (GetSocket?.Invoke(context) is { } socket)
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
    public static void ShutDownAll(HttpListener listener, IEnumerable<System.Collections.IEnumerable> more)
    {
        if (GetConnectionSocket is null) return;
        var connections = new List<object>();
        try
        {
            if (ListenerConnectionTable?.GetValue(listener) is System.Collections.IDictionary table)
                lock (table) connections.AddRange(table.Keys.Cast<object>());
            foreach (var set in more)
                lock (set) connections.AddRange(set.Cast<object>());
        }
        catch (InvalidOperationException) { /* changed while being read: shut down what was found */ }
        foreach (var connection in connections)
        {
            try { GetConnectionSocket(connection)?.Shutdown(SocketShutdown.Both); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }
    }

    /// <summary>True once a send on the connection failed (the client reset or closed it); false when unknown.</summary>
    public static bool IsClosed(HttpListenerContext context)
    {
        try
        {
            return GetSocket?.Invoke(context) is { Connected: false };
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
        if (GetReceived is null || GetParsed is null) return false;
        try
        {
            if (GetReceived(context) is not { } received) return false;
            var parsed = GetParsed(context);
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
