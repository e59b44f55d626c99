namespace MicroWeb;

/// <summary>The app's WebSocket settings (<see cref="MicroWebApp.WebSockets"/>).</summary>
public sealed class WebSocketOptions
{
    /// <summary>Origins (<c>https://example.com</c>) whose pages may open the app's WebSockets besides the app's own.
    /// A browser always sends <c>Origin</c>; a handshake from another origin gets 403, which stops cross-site WebSocket
    /// hijacking with the user's cookies. Clients that send no Origin (not browsers) are let through.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Largest message accepted; a larger one closes the connection with 1009 (message too big). 1 MiB.</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>How often the server pings an idle connection, so that proxies keep it open and a vanished client is
    /// noticed; 30 s. <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
