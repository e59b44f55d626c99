using MicroWeb.Compression;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    // Null until the app turns compression on: other apps pay one null check.
    private ResponseCompression? _compression;

    /// <summary>
    /// Compresses responses with Brotli or gzip for clients that accept it (<c>Accept-Encoding</c>, q-values
    /// respected): text, JSON, JavaScript, XML and SVG of at least <see cref="CompressionOptions.MinimumSize"/> bytes,
    /// never ranges, streams or already-encoded bodies; adds <c>Vary: Accept-Encoding</c>. Static files with a
    /// precompressed sibling (<c>app.css.br</c>, <c>app.css.gz</c>) are served from it. Mind BREACH: see docs/http-features.md.
    /// </summary>
    public MicroWebApp UseCompression(CompressionOptions? options = null)
    {
        ThrowIfStarted();
        _compression = new ResponseCompression(options ?? new CompressionOptions());
        return this;
    }
}
