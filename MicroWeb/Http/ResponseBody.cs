namespace MicroWeb.Http;

/// <summary>What a response sends after its headers. Written once, straight to the connection.</summary>
public abstract class ResponseBody
{
    /// <summary>Bytes that will be written, when known up front (sent as Content-Length); null means chunked.</summary>
    public abstract long? Length { get; }

    /// <summary>Writes the body. <paramref name="cancellationToken"/> fires when the client goes away.</summary>
    public abstract Task WriteToAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>Releases what the body holds (an open file, a stream) when it was not, or only partly, written.</summary>
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A body held in memory.</summary>
public sealed class BytesBody(ReadOnlyMemory<byte> bytes) : ResponseBody
{
    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <inheritdoc />
    public override long? Length => Bytes.Length;

    /// <inheritdoc />
    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) =>
        destination.WriteAsync(Bytes, cancellationToken).AsTask();
}

/// <summary>A body copied from a stream, which is disposed afterwards.</summary>
public sealed class StreamBody(Stream stream, long? length = null) : ResponseBody
{
    /// <inheritdoc />
    public override long? Length { get; } = length ?? (stream.CanSeek ? stream.Length - stream.Position : null);

    /// <inheritdoc />
    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using (stream) await stream.CopyToAsync(destination, 81920, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => stream.DisposeAsync();
}

/// <summary>A body produced by a callback as it is sent (streamed CSV, generated content).</summary>
public sealed class CallbackBody(Func<Stream, CancellationToken, Task> write, long? length = null) : ResponseBody
{
    /// <inheritdoc />
    public override long? Length { get; } = length;

    /// <inheritdoc />
    public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => write(destination, cancellationToken);
}
