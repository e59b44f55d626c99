using System.IO.Compression;
using MicroWeb.Http;

namespace MicroWeb.Compression;

/// <summary>A body compressed as it is written (a file, a generated body): its length is not known before.</summary>
internal sealed class CompressedBody(ResponseBody inner, ContentCoding coding, CompressionLevel level) : ResponseBody
{
    public override long? Length => null;

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using (var compressor = Compressor(destination, coding, level, leaveOpen: true))
            await inner.WriteToAsync(compressor, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    public static Stream Compressor(Stream destination, ContentCoding coding, CompressionLevel level, bool leaveOpen) => coding == ContentCoding.Brotli
        ? new BrotliStream(destination, level, leaveOpen)
        : new GZipStream(destination, level, leaveOpen);
}
