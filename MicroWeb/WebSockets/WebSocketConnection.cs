using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace MicroWeb;

/// <summary>
/// An accepted WebSocket, as flask-sock's <c>ws</c>: receive whole messages, send text, bytes or JSON, close. The
/// handler that takes it runs for as long as the connection lasts; when it returns, the connection is closed
/// normally (1000). When the app stops, every open connection is closed with 1001 (going away), so
/// <see cref="ReceiveAsync"/> returns null and the handler ends.
/// </summary>
public sealed class WebSocketConnection
{
    private readonly WebSocket _socket;
    private readonly int _maxMessageSize;
    private readonly SemaphoreSlim _sending = new(1, 1);

    internal WebSocketConnection(WebSocket socket, RequestContext context, int maxMessageSize, CancellationToken aborted)
    {
        _socket = socket;
        _maxMessageSize = maxMessageSize;
        Context = context;
        Aborted = aborted;
    }

    /// <summary>The request that opened the connection (its route values, cookies, session).</summary>
    public RequestContext Context { get; }

    /// <summary>The subprotocol agreed on, or null.</summary>
    public string? Subprotocol => _socket.SubProtocol;

    /// <summary>True while messages can still be sent and received.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Fires when the connection ends: the client left or closed, or the app is stopping.</summary>
    public CancellationToken Aborted { get; }

    /// <summary>The close status the client sent, once it closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Waits for the next whole message; null once the connection is closed (by the client, by a message over
    /// <see cref="WebSocketOptions.MaxMessageSize"/>, which closes it with 1009, or by the app stopping).</summary>
    public async Task<WebSocketMessage?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Aborted);
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseSent)) return null;
                var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), linked.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > _maxMessageSize)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"A message may have {_maxMessageSize} bytes at most.").ConfigureAwait(false);
                    return null;
                }
                if (result.EndOfMessage) return new WebSocketMessage(buffer.WrittenMemory.ToArray(), result.MessageType == WebSocketMessageType.Text);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException || e is OperationCanceledException && Aborted.IsCancellationRequested)
        {
            return null; // the client vanished, or the app is stopping
        }
    }

    /// <summary>Waits for the next text message and returns its text; null once the connection is closed. A binary
    /// message is refused: the connection is closed with 1003 (unsupported data).</summary>
    public async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken = default)
    {
        if (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is not { } message) return null;
        if (message.IsText) return message.Text;
        await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Text messages only.").ConfigureAwait(false);
        return null;
    }

    /// <summary>Sends a text message. Safe to call from several tasks at once (a broadcast): sends are queued.</summary>
    public Task SendAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, cancellationToken);

    /// <summary>Sends a binary message.</summary>
    public Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        SendAsync(data, WebSocketMessageType.Binary, cancellationToken);

    /// <summary>Sends a value as a JSON text message, with the app's JSON options.</summary>
    public Task SendJsonAsync<T>(T value, CancellationToken cancellationToken = default) =>
        SendAsync(Http.JsonMetadata.SerializeToUtf8Bytes(value, Context.App.JsonOptions), WebSocketMessageType.Text, cancellationToken);

    private async Task SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Aborted);
        await _sending.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(data, type, endOfMessage: true, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes the connection with a status and a reason (at most 123 bytes of UTF-8).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            await _socket.CloseOutputAsync(status, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Ends the session: a normal close if the handler left it open, then waits briefly for the client's close.</summary>
    internal async Task EndAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (_socket.State == WebSocketState.CloseSent)
        {
            // Read until the client's close frame arrives, so the closing handshake completes; a client that never
            // answers is let go after a moment.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var scratch = new byte[256];
            try
            {
                while (_socket.State == WebSocketState.CloseSent)
                    if ((await _socket.ReceiveAsync(scratch, wait.Token).ConfigureAwait(false)).MessageType == WebSocketMessageType.Close) break;
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException) { }
        }
        _socket.Dispose();
    }
}
