namespace MicroWeb;

/// <summary>
/// Marks a method as the handler of a WebSocket route (flask-sock's <c>@sock.route</c>): <c>[WebSocket("/ws/&lt;room&gt;")]</c>.
/// The rule, its converters and binding work as for <see cref="RouteAttribute"/>; the handler takes a
/// <see cref="WebSocketConnection"/> and runs for as long as the connection lasts.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class WebSocketAttribute(string rule) : Attribute
{
    /// <summary>The rule, e.g. <c>/ws/&lt;room&gt;</c>.</summary>
    public string Rule { get; } = rule;

    /// <summary>Name for <c>UrlFor</c>; the method's name when null.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The subprotocols this route speaks, in order of preference: the first one the client offers is chosen;
    /// a client that offers only others is refused (400). Empty: no subprotocol.</summary>
    public string[] Subprotocols { get; set; } = [];
}
