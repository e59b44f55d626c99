using System.Net;
using MicroWeb.Http;

namespace MicroWeb.Hosting;

/// <summary>
/// A response body's way to the client, with a deadline on every write, as Kestrel's minimum response data rate:
/// a write of n bytes must finish within the grace period plus n / rate seconds, or the connection is reset. Writes
/// are cut into pieces of at most <see cref="Piece"/> bytes, so a client that stops reading is dropped within
/// grace + 16 KiB / rate (about 73 s with Kestrel's defaults of 240 B/s and 5 s) instead of holding its connection,
/// its file handle and its buffer forever. HttpListener swallows write errors (IgnoreWriteExceptions), so a write
/// cut short by the deadline, or one that found the connection gone, is reported here as an <see cref="IOException"/>:
/// the body's producer stops at once instead of writing the rest of a large body into a dead socket.
/// A rate of 0 keeps only that last check.
/// </summary>
internal sealed class MinDataRateStream(HttpListenerContext context, double bytesPerSecond, TimeSpan grace) : WriteOnlyStream
{
    private readonly Stream inner = context.Response.OutputStream;
    private const int Piece = 16 * 1024;
    private Timer? _timer;
    private volatile bool _timedOut;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(Piece, buffer.Length)];
            Arm(piece.Length);
            try { inner.Write(piece); }
            finally { Disarm(); }
            buffer = buffer[piece.Length..];
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(Piece, buffer.Length)];
            Arm(piece.Length);
            try { await inner.WriteAsync(piece, cancellationToken).ConfigureAwait(false); }
            finally { Disarm(); }
            buffer = buffer[piece.Length..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private void Arm(int bytes)
    {
        if (_timedOut) throw TooSlow();
        if (bytesPerSecond <= 0) return;
        var allowed = grace + TimeSpan.FromSeconds(bytes / bytesPerSecond);
        _timer ??= new Timer(static state => ((MinDataRateStream)state!).Expire(), this, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(allowed, Timeout.InfiniteTimeSpan);
    }

    private void Disarm()
    {
        _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        if (_timedOut) throw TooSlow();
        if (ListenerConnections.IsClosed(context)) throw new IOException("The client closed the connection.");
    }

    private void Expire()
    {
        _timedOut = true;
        ListenerConnections.Reset(context);
    }

    private IOException TooSlow() =>
        new($"The client read the response slower than the minimum data rate ({bytesPerSecond:0} bytes/s after a {grace.TotalSeconds:0.#} s grace); the connection was reset.");

    protected override void Dispose(bool disposing)
    {
        _timer?.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return base.DisposeAsync();
    }
}
