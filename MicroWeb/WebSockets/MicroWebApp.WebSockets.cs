using System.Collections.Concurrent;
using System.Net.WebSockets;
using MicroWeb.Dispatch;
using MicroWeb.Http;
using MicroWeb.WebSockets;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    // The open connections, so that a stop closes them (1001) instead of cutting them after the grace period.
    private readonly ConcurrentDictionary<WebSocketConnection, byte> _webSockets = new();

    // Only then does the server look for upgrade requests: other apps pay nothing for WebSockets.
    internal bool HasWebSocketRoutes { get; private set; }

    /// <summary>WebSocket settings: allowed origins, message size limit, keep-alive interval.</summary>
    public WebSocketOptions WebSockets { get; } = new();

    // Dispatch's last step for a WebSocket route, after the hooks and filters: the handshake, the upgrade, the handler
    // for as long as the connection lasts. What the server writes afterwards is nothing: the connection is the socket's.
    private async ValueTask<Response> ServeWebSocketAsync(RequestContext context, RouteEndpoint endpoint, object?[] values)
    {
        var request = context.Request;
        if (WebSocketHandshake.Check(request, WebSockets, endpoint.Route.Subprotocols, out var subprotocol) is { } refused)
            return await HandleErrorAsync(context, refused);
        if (request.AcceptWebSocket is not { } accept)
            return await HandleErrorAsync(context, new HttpException(501, "This server cannot upgrade to WebSocket."));
        var socket = await accept(subprotocol, WebSockets.KeepAliveInterval);
        var connection = new WebSocketConnection(socket, context, WebSockets.MaxMessageSize, request.Aborted);
        context.WebSocket = connection;
        _webSockets[connection] = 0;
        try
        {
            await endpoint.Binding.InvokeAsync(context, values);
        }
        catch (Exception error)
        {
            // The response went out with the upgrade: the client learns of the failure by the close status (1011).
            Logger.LogError(error, "WebSocket handler {Handler} failed on {Path} (request id {RequestId})",
                endpoint.Route.Endpoint, Hosting.LogText.Escape(request.Path), context.RequestId);
            await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "The server failed.");
        }
        finally
        {
            _webSockets.TryRemove(connection, out _);
            await connection.EndAsync();
        }
        return Response.Upgraded();
    }

    // Tells every open WebSocket the app is going away; their handlers see the connection end and return.
    private Task CloseWebSocketsAsync() =>
        Task.WhenAll(_webSockets.Keys.Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is stopping.")));
}
