using System.Buffers;
using System.Text;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Where a streamed template writes (see <see cref="TemplateStreamBody"/>). Scriban renders synchronously on its own
/// thread and only appends text here; <see cref="PumpAsync"/> sends it to the client asynchronously, in pieces: as soon
/// as <see cref="PieceSize"/> characters have gathered, or <see cref="Delay"/> after the first unsent character, so a
/// page that stops to wait for a slow model shows what it has so far, without a write per expression. A client that
/// reads slowly holds the render back (beyond <see cref="MaxPending"/> unsent characters), never a pool thread, and
/// the server's minimum data rate ends such a response, which stops the render at its next write.
/// </summary>
internal sealed class StreamedOutput : IScriptOutput
{
    /// <summary>Characters that make a piece worth sending at once.</summary>
    public const int PieceSize = 4096;

    /// <summary>Longest a rendered character waits for more before it is sent anyway.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);

    /// <summary>Unsent characters beyond which the render waits for the client.</summary>
    public const int MaxPending = 64 * 1024;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _ready = new(0); // wakes the pump: first text, a full piece, or the end
    private StringBuilder _pending = new();
    private StringBuilder _spare = new();
    private bool _sent;
    private bool _completed;
    private bool _renderFailed;
    private Exception? _sendFailed;

    public void Write(string text, int offset, int count)
    {
        if (count == 0) return;
        lock (_gate)
        {
            while (_pending.Length >= MaxPending && _sendFailed is null) Monitor.Wait(_gate);
            if (_sendFailed is { } failed) throw new IOException($"The streamed page could not be sent: {failed.Message}", failed);
            var before = _pending.Length;
            _pending.Append(text, offset, count);
            if (before == 0 || (before < PieceSize && _pending.Length >= PieceSize)) _ready.Release();
        }
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>What was written, taken back, if none of it has been sent yet (a page calling <c>extends</c>: its
    /// output becomes the layout's content); null once something went out.</summary>
    public string? TakeUnsent()
    {
        lock (_gate)
        {
            if (_sent) return null;
            var text = _pending.ToString();
            _pending.Clear();
            return text;
        }
    }

    /// <summary>The render ended: what is left is sent, unless it failed (then nothing more is).</summary>
    public void Complete(bool failed)
    {
        lock (_gate)
        {
            _completed = true;
            _renderFailed = failed;
        }
        _ready.Release();
    }

    /// <summary>
    /// Sends the text as it comes until the render completes. Each piece but the last is flushed (the response goes out
    /// chunked from the first); a page rendered within <see cref="Delay"/> goes out whole, with a Content-Length.
    /// </summary>
    public async Task PumpAsync(Stream destination, CancellationToken cancellationToken)
    {
        var encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        try
        {
            while (true)
            {
                await _ready.WaitAsync(cancellationToken).ConfigureAwait(false); // text, or the end
                if (!IsReady()) await _ready.WaitAsync(Delay, cancellationToken).ConfigureAwait(false); // a full piece, or time
                StringBuilder piece;
                bool last;
                lock (_gate)
                {
                    if (_completed && _renderFailed) return;
                    last = _completed;
                    if (_pending.Length == 0 && !last) continue;
                    piece = _pending;
                    _pending = _spare;
                    _sent |= piece.Length > 0;
                    Monitor.PulseAll(_gate); // room again for a render waiting on a slow client
                }
                await SendAsync(destination, encoder, piece, last, cancellationToken).ConfigureAwait(false);
                piece.Clear();
                lock (_gate) _spare = piece;
                if (last) return;
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _sendFailed = e;
                Monitor.PulseAll(_gate);
            }
            throw;
        }
    }

    private bool IsReady()
    {
        lock (_gate) return _completed || _pending.Length >= PieceSize;
    }

    private static async ValueTask SendAsync(Stream destination, Encoder encoder, StringBuilder piece, bool last, CancellationToken cancellationToken)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(piece.Length, 1));
        byte[]? bytes = null;
        try
        {
            piece.CopyTo(0, chars, 0, piece.Length);
            var text = chars.AsMemory(0, piece.Length);
            // One encoder for the whole page: a surrogate pair split between two pieces is encoded whole.
            var length = encoder.GetByteCount(text.Span, flush: last);
            bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            encoder.GetBytes(text.Span, bytes, flush: last);
            if (length > 0) await destination.WriteAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            // The last piece is left to the server: a page that was fast enough is sent with its length.
            if (!last) await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
