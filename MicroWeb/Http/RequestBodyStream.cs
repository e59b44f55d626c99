using System.Text;

namespace MicroWeb.Http;

/// <summary>
/// The request body as the framework reads it: at most <see cref="Request.MaxContentLength"/> bytes (413 as soon as
/// one more arrives, so a chunked body is refused mid-way), within <see cref="Request.BodyReadTimeout"/> (408), with
/// transport failures turned into 400. Optionally every byte must be UTF-8 (JSON), checked as it passes. Nothing is
/// buffered beyond the caller's reads, so a request costs the memory of what it parses, not of its body.
/// </summary>
internal sealed class RequestBodyStream : Stream
{
    private readonly Request _request;
    private readonly Stream _inner;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationToken _caller;
    private readonly Decoder? _utf8;
    private char[]? _chars;
    private long _read;

    public RequestBodyStream(Request request, Stream inner, bool requireUtf8, CancellationToken cancellationToken)
    {
        _request = request;
        _inner = inner;
        _caller = cancellationToken;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, request.Aborted);
        _timeout.CancelAfter(request.BodyReadTimeout);
        if (requireUtf8) _utf8 = UrlEncoding.StrictUtf8.GetDecoder();
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            // HttpListener's request stream ignores cancellation, so the wait is cancelled instead; the abandoned
            // read dies with the connection, which the 408 closes.
            read = await _inner.ReadAsync(buffer, _timeout.Token).AsTask().WaitAsync(_timeout.Token);
        }
        catch (OperationCanceledException) when (!_caller.IsCancellationRequested && !_request.Aborted.IsCancellationRequested)
        {
            throw Request.Closing(408, $"The request body did not arrive within {_request.BodyReadTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            throw Request.Closing(400, "The request body could not be read (malformed chunked encoding or the client went away).");
        }
        _read += read;
        if (_read > _request.MaxContentLength)
            throw RequestLimits.BodyTooLarge(_request.MaxContentLength);
        if (_utf8 is not null) CheckUtf8(buffer.Span[..read], final: read == 0);
        return read;
    }

    private void CheckUtf8(ReadOnlySpan<byte> bytes, bool final)
    {
        _chars ??= new char[Encoding.UTF8.GetMaxCharCount(16 * 1024)];
        try
        {
            var completed = false;
            while (!completed)
            {
                _utf8!.Convert(bytes, _chars, final, out var used, out _, out completed);
                bytes = bytes[used..];
            }
        }
        catch (DecoderFallbackException)
        {
            throw new HttpException(400, "The request body is not valid JSON: it is not valid UTF-8.");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _timeout.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
