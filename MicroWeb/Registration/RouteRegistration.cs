using MicroWeb.Handlers;

namespace MicroWeb.Registration;

/// <summary>
/// One rule as registered on an app or a blueprint, before it is in a route table: the app adds it at once, a
/// blueprint keeps it until <c>app.Register</c> gives it a prefix and a name. A WebSocket route has its subprotocols
/// (empty for none); other routes null.
/// </summary>
internal sealed record RouteRegistration(
    string Rule,
    string[] Methods,
    string Endpoint,
    Handler Handler,
    bool StrictSlashes = true,
    long? MaxContentLength = null,
    bool? MergeSlashes = null,
    IReadOnlyDictionary<string, object?>? Defaults = null,
    string? Subdomain = null,
    string? Host = null,
    string[]? WebSocketSubprotocols = null);
