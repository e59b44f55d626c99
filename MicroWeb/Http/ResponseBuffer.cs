using System.Buffers;

namespace MicroWeb.Http;

/// <summary>
/// Where a body of unknown length is written: it is held in a pooled buffer until it ends, and then sent with a
/// Content-Length in one write (headers and body in one send, as for a string). Only a body that outgrows the
/// buffer, or that asks for <see cref="FlushAsync"/> (a stream meant to arrive piece by piece), goes out chunked.
/// A small generated body (a CSV report) thus costs one send instead of a chunk and a terminating chunk, and a body
/// that fails before anything was sent is reported as a failure rather than as a complete chunked response.
/// Servers and the test client frame such bodies through it alike: <paramref name="framed"/> is told, once, the
/// Content-Length to send, or null when the body goes out chunked.
/// </summary>
internal sealed class ResponseBuffer(Stream output, Action<long?> framed, int capacity = ResponseBuffer.DefaultCapacity) : WriteOnlyStream
{
    /// <summary>Largest body of unknown length held back to be sent with a Content-Length.</summary>
    public const int DefaultCapacity = 64 * 1024;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _count;
    private bool _chunked;

    /// <summary>True once part of the body has gone out (chunked): the status and headers can no longer change.</summary>
    public bool Sent => _chunked;

    /// <summary>Sends what is held, with its length, unless the body already went out chunked.</summary>
    public async ValueTask CompleteAsync(int writeSynchronouslyUpTo, CancellationToken cancellationToken)
    {
        if (_chunked) return;
        framed(_count);
        if (_count == 0) return;
        if (_count <= writeSynchronouslyUpTo) output.Write(_buffer!, 0, _count);
        else await output.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_chunked && _count + buffer.Length <= capacity)
        {
            buffer.CopyTo(_buffer.AsSpan(_count));
            _count += buffer.Length;
            return;
        }
        StartChunked();
        output.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_chunked && _count + buffer.Length <= capacity)
        {
            buffer.Span.CopyTo(_buffer.AsSpan(_count));
            _count += buffer.Length;
            return;
        }
        await StartChunkedAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends everything written so far, now: the response goes out chunked from here on.</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await StartChunkedAsync(cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Flush()
    {
        StartChunked();
        output.Flush();
    }

    private void StartChunked()
    {
        if (_chunked) return;
        _chunked = true;
        framed(null);
        if (_count > 0) output.Write(_buffer!, 0, _count);
        Release();
    }

    private async ValueTask StartChunkedAsync(CancellationToken cancellationToken)
    {
        if (_chunked) return;
        _chunked = true;
        framed(null);
        if (_count > 0) await output.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
        Release();
    }

    private void Release()
    {
        if (_buffer is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
        _count = 0;
    }

    protected override void Dispose(bool disposing)
    {
        Release();
        base.Dispose(disposing);
    }
}
