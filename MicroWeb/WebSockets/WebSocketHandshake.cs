using MicroWeb.Http;

namespace MicroWeb.WebSockets;

/// <summary>Checks a request to a WebSocket route before it is upgraded (RFC 6455, section 4.2.1).</summary>
internal static class WebSocketHandshake
{
    /// <summary>The error for a request that cannot be upgraded, or null: 426 for a plain request (with
    /// <c>Upgrade: websocket</c>, as RFC 9110 asks), 400 for a malformed handshake or no common subprotocol, 403 for a
    /// page of a foreign origin.</summary>
    public static HttpException? Check(Request request, WebSocketOptions options, IReadOnlyList<string> subprotocols, out string? subprotocol)
    {
        subprotocol = null;
        var headers = request.Headers;
        if (!HasToken(headers["Upgrade"], "websocket") || !HasToken(headers["Connection"], "Upgrade"))
        {
            var upgrade = new HttpException(426, "This URL is a WebSocket: connect with a WebSocket client.");
            upgrade.Headers["Upgrade"] = "websocket";
            upgrade.Headers["Connection"] = "Upgrade";
            return upgrade;
        }
        if (request.Method != "GET" || headers["Sec-WebSocket-Version"] != "13" || string.IsNullOrWhiteSpace(headers["Sec-WebSocket-Key"]))
        {
            var version = new HttpException(400, "A WebSocket handshake is a GET with Sec-WebSocket-Key and Sec-WebSocket-Version: 13.");
            version.Headers["Sec-WebSocket-Version"] = "13";
            return version;
        }
        if (headers["Origin"] is { } origin && !SameOrigin(origin, request) && !options.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            return new HttpException(403, "WebSocket connections from this origin are not allowed.");
        var offered = (headers["Sec-WebSocket-Protocol"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (subprotocols.Count > 0)
        {
            subprotocol = subprotocols.FirstOrDefault(p => offered.Contains(p, StringComparer.Ordinal));
            if (subprotocol is null)
                return new HttpException(400, $"This WebSocket speaks {string.Join(", ", subprotocols)}; offer one in Sec-WebSocket-Protocol.");
        }
        return null;
    }

    private static bool HasToken(string? header, string token) =>
        header is not null && header.Split(',', StringSplitOptions.TrimEntries).Contains(token, StringComparer.OrdinalIgnoreCase);

    // The page was served by this app: its origin's host is the request's Host (behind a trusted proxy, the forwarded one).
    private static bool SameOrigin(string origin, Request request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host, StringComparison.OrdinalIgnoreCase);
}
