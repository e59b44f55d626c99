using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MicroWeb.Hosting;

/// <summary>
/// The listening socket of one address and port, owned by MicroWeb but served by the managed HttpListener.
/// <para>
/// Two HttpListener flaws meet here. (1) It matches the Host header against its prefixes: an app listening on
/// <c>http://127.0.0.1:5000/</c> answers 404 itself to <c>Host: shop.example</c> (what nginx sends), and the only
/// prefix that accepts any Host, <c>http://+:5000/</c>, binds every interface. (2) Its endpoint listener starts
/// accepting before its tables exist, so a client connecting in that instant crashes <c>Start()</c> and leaves the
/// port bound (dotnet/corefx#35191).
/// </para>
/// <para>
/// So MicroWeb builds that endpoint listener itself, completely, before <c>Start()</c>: its socket bound to the
/// configured address only, registered where the listener looks up <c>+</c> prefixes (all-interfaces, port), and
/// accepting only once everything is in place. <c>Start()</c> with the <c>+</c> prefix then reuses it: any Host is
/// served, nothing but the configured address is bound, and no connection can arrive half-built. Where the
/// listener's internals differ (another .NET, trimming), <see cref="TryCreate"/> returns null and the server falls
/// back to a wildcard prefix that refuses other local addresses (see <see cref="HttpListenerServer"/>).
/// </para>
/// </summary>
internal sealed class ListenerEndPoint
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic;
    private const int Backlog = 512;

    private static readonly Internals? Reflected = Internals.Find();

    private readonly object _endPointListener;
    private readonly SocketAsyncEventArgs _accept;

    private ListenerEndPoint(object endPointListener, Socket socket, SocketAsyncEventArgs accept)
    {
        _endPointListener = endPointListener;
        Socket = socket;
        _accept = accept;
    }

    /// <summary>True when this runtime's HttpListener has the internals this class relies on.</summary>
    public static bool Supported => Reflected is not null;

    /// <summary>The listening socket, bound to the configured address.</summary>
    public Socket Socket { get; }

    /// <summary>The address actually bound.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    /// <summary>
    /// Binds <paramref name="address"/>:<paramref name="port"/> and registers the endpoint for <paramref name="listener"/>'s
    /// <c>http://+:port/</c> prefix. Null when the internals are not there. Throws <see cref="SocketException"/> when
    /// the address cannot be bound, and <see cref="InvalidOperationException"/> when this process already serves the port.
    /// With <paramref name="register"/> false the endpoint is a second address of a port whose registered endpoint
    /// gets the prefixes (localhost's <c>::1</c> beside <c>127.0.0.1</c>): see <see cref="ServePrefixesOf"/>.
    /// </summary>
    public static ListenerEndPoint? TryCreate(HttpListener listener, IPAddress address, int port, bool register = true)
    {
        if (Reflected is not { } r || (!register && r.AllPrefixes is null)) return null;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(Backlog);
            var epl = RuntimeHelpers.GetUninitializedObject(r.EndPointListener);
            r.Listener.SetValue(epl, listener);
            // The key it is filed under: the listener removes it from there when its last prefix goes.
            r.EndPoint.SetValue(epl, new IPEndPoint(register ? IPAddress.Any : address, port));
            r.Socket.SetValue(epl, socket);
            r.Prefixes.SetValue(epl, Activator.CreateInstance(r.Prefixes.FieldType));
            r.Connections.SetValue(epl, Activator.CreateInstance(r.Connections.FieldType));
            var accept = new SocketAsyncEventArgs { UserToken = epl };
            accept.Completed += r.OnAccept;
            if (register) Register(r, epl, port);
            return new ListenerEndPoint(epl, socket, accept) { Registered = register };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Register(Internals r, object epl, int port)
    {
        lock (r.Table)
        {
            if (r.Table[IPAddress.Any] is not IDictionary byPort)
                r.Table[IPAddress.Any] = byPort = (IDictionary)Activator.CreateInstance(r.Table.GetType().GetGenericArguments()[1])!;
            if (byPort.Contains(port))
                throw new InvalidOperationException($"Port {port} is already served by another listener in this process.");
            byPort[port] = epl;
        }
    }

    /// <summary>False for a second address of a port (see <see cref="TryCreate"/>).</summary>
    public bool Registered { get; private init; }

    /// <summary>
    /// Serves the <c>+</c> prefixes that <paramref name="registered"/>, the endpoint of the same port, received when the
    /// HttpListener started: requests on this address then reach the same listener, whatever their Host.
    /// </summary>
    public void ServePrefixesOf(ListenerEndPoint registered) =>
        Reflected!.AllPrefixes!.SetValue(_endPointListener, Reflected.AllPrefixes.GetValue(registered._endPointListener));

    /// <summary>Connections accepted whose first request has not been handed to the listener yet (lock it to read it).</summary>
    public IEnumerable Connections => (IEnumerable)Reflected!.Connections.GetValue(_endPointListener)!;

    /// <summary>Starts accepting connections; call once the HttpListener has started.</summary>
    public void StartAccepting() => Reflected!.Accept.Invoke(_endPointListener, [_accept]);

    /// <summary>Stops accepting at once: new connections are refused, those already accepted carry on.</summary>
    public void StopAccepting() => Socket.Close();

    /// <summary>Undoes <see cref="TryCreate"/> when the HttpListener failed to start.</summary>
    public void Unregister()
    {
        if (!Registered)
        {
            Socket.Dispose();
            return;
        }
        lock (Reflected!.Table)
        {
            if (Reflected.Table[IPAddress.Any] is IDictionary byPort && byPort[LocalEndPoint.Port] == _endPointListener)
            {
                byPort.Remove(LocalEndPoint.Port);
                if (byPort.Count == 0) Reflected.Table.Remove(IPAddress.Any);
            }
        }
        Socket.Dispose();
    }

    /// <summary>The members of System.Net.HttpEndPointManager and HttpEndPointListener used, found once.</summary>
    private sealed record Internals(
        IDictionary Table, Type EndPointListener, FieldInfo Listener, FieldInfo EndPoint, FieldInfo Socket,
        FieldInfo Prefixes, FieldInfo Connections, MethodInfo Accept, EventHandler<SocketAsyncEventArgs> OnAccept, FieldInfo? AllPrefixes)
    {
        public static Internals? Find()
        {
            try
            {
                var assembly = typeof(HttpListener).Assembly;
                var manager = assembly.GetType("System.Net.HttpEndPointManager");
                var type = assembly.GetType("System.Net.HttpEndPointListener");
                if (manager?.GetField("s_ipEndPoints", BindingFlags.Static | BindingFlags.NonPublic)?.GetValue(null) is not IDictionary table || type is null)
                    return null;
                if (table.GetType().GetGenericArguments() is not [var key, var byPort] || key != typeof(IPAddress) ||
                    byPort.GetGenericArguments() is not [var portType, var valueType] || portType != typeof(int) || valueType != type)
                    return null;
                FieldInfo? Field(string name, Func<Type, bool> fits) => type.GetField(name, Instance) is { } f && fits(f.FieldType) ? f : null;
                static bool IsDictionary(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>);
                // A HashSet in .NET 10, a Dictionary in older versions: either starts empty.
                static bool IsCollection(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(HashSet<>) || g == typeof(Dictionary<,>));
                var onAccept = type.GetMethod("OnAccept", BindingFlags.Static | BindingFlags.NonPublic, [typeof(object), typeof(SocketAsyncEventArgs)]);
                var accept = type.GetMethod("Accept", Instance, [typeof(SocketAsyncEventArgs)]);
                var fields = new[]
                {
                    Field("_listener", t => t == typeof(HttpListener)), Field("_endpoint", t => t == typeof(IPEndPoint)),
                    Field("_socket", t => t == typeof(Socket)), Field("_prefixes", IsDictionary), Field("_unregisteredConnections", IsCollection),
                };
                if (fields.Any(f => f is null) || onAccept is null || accept is null) return null;
                // Every other field must be one that a default (null, false) leaves right: the TLS ones and the
                // lists of '*' and '+' prefixes. An unknown field means a different implementation: do not guess.
                var known = new HashSet<string> { "_listener", "_endpoint", "_socket", "_prefixes", "_unregisteredConnections", "_unhandledPrefixes", "_allPrefixes", "_cert", "_secure" };
                if (type.GetFields(Instance).Any(f => !known.Contains(f.Name))) return null;
                // The '+' prefixes, shared with a second address of the same port; without it only one address per port.
                var allPrefixes = type.GetField("_allPrefixes", Instance) is { FieldType.IsGenericType: true } all
                                  && all.FieldType.GetGenericTypeDefinition() == typeof(List<>) ? all : null;
                return new Internals(table, type, fields[0]!, fields[1]!, fields[2]!, fields[3]!, fields[4]!, accept,
                    onAccept.CreateDelegate<EventHandler<SocketAsyncEventArgs>>(), allPrefixes);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return null;
            }
        }
    }
}
