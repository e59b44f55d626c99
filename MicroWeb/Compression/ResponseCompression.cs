using System.IO.Compression;
using System.Runtime.InteropServices;
using MicroWeb.Files;
using MicroWeb.Http;
using MicroWeb.Streaming;

namespace MicroWeb.Compression;

/// <summary>
/// Compresses a response for a client that accepts it (gzip or Brotli by <c>Accept-Encoding</c>), as the last step
/// before sending: after the hooks and after conditional and range requests were decided, so a 304 or a 206 stays
/// as it is. A file with a precompressed sibling (<c>.br</c>, <c>.gz</c>) is served from it instead.
/// </summary>
internal sealed class ResponseCompression(CompressionOptions options)
{
    public void Apply(Request request, Response response)
    {
        // Cheapest tests first: most responses (small, or not text) leave at the first or second line.
        if (response.StatusCode is < 200 or 204 or 206 or (>= 300 and < 400) || response.Body is null or IStreamingBody) return;
        var isFile = options.Precompressed && response is FileResponse;
        if (!isFile && (response.Body.Length < options.MinimumSize || !options.IsCompressible(response.ContentType))) return;
        // HasHeaders first: reading Headers creates the collection, which most responses do without.
        if (response.HasHeaders && (response.Headers.Contains("Content-Encoding") || response.Headers.Contains("Content-Range"))) return;

        if (isFile && ServePrecompressed(request, response, ((FileResponse)response).File)) return;
        if (!options.IsCompressible(response.ContentType) || response.Body.Length < options.MinimumSize) return;

        VaryHeader.Add(response, "Accept-Encoding"); // the answer depends on it, whether this client gets it compressed or not
        var coding = AcceptEncoding.Choose(request.Headers["Accept-Encoding"]);
        if (coding == ContentCoding.Identity) return;

        if (response.Body is BytesBody bytes)
        {
            // In memory: compressed now, so it keeps a Content-Length; sent as it is when that saves nothing.
            var compressed = Compress(bytes.Bytes, coding);
            if (compressed.Length >= bytes.Bytes.Length) return;
            response.Body = new BytesBody(compressed);
        }
        else response.Body = new CompressedBody(response.Body, coding, options.Level);
        MarkEncoded(response, coding);
    }

    private byte[] Compress(ReadOnlyMemory<byte> body, ContentCoding coding)
    {
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (var compressor = CompressedBody.Compressor(output, coding, options.Level, leaveOpen: true))
            compressor.Write(body.Span);
        return output.ToArray();
    }

    private static bool ServePrecompressed(Request request, Response response, FileInfo file)
    {
        var br = new FileInfo(file.FullName + ".br");
        var gz = new FileInfo(file.FullName + ".gz");
        if (!br.Exists && !gz.Exists) return false;
        VaryHeader.Add(response, "Accept-Encoding");
        var coding = AcceptEncoding.Choose(request.Headers["Accept-Encoding"], br.Exists, gz.Exists);
        if (coding == ContentCoding.Identity) return true;
        var chosen = coding == ContentCoding.Brotli ? br : gz;
        response.Body = new FileBody(chosen.FullName, 0, chosen.Length);
        MarkEncoded(response, coding);
        return true;
    }

    private static void MarkEncoded(Response response, ContentCoding coding)
    {
        response.Headers["Content-Encoding"] = AcceptEncoding.Token(coding);
        // Another representation: no byte ranges of it, and a weak validator (as nginx), which conditional requests
        // still match but range requests (strong comparison) do not.
        response.Headers.Remove("Accept-Ranges");
        if (response.Headers["ETag"] is { } etag && etag.StartsWith('"')) response.Headers["ETag"] = "W/" + etag;
    }
}
