using System.IO.Compression;

namespace MicroWeb.Compression;

/// <summary>What <see cref="MicroWebApp.UseCompression"/> compresses, and how hard.</summary>
public sealed class CompressionOptions
{
    /// <summary>Bodies smaller than this many bytes are sent as they are (compressing them saves little and costs CPU).
    /// 1024 by default.</summary>
    public int MinimumSize { get; init; } = 1024;

    /// <summary>How hard to compress responses generated per request; <see cref="CompressionLevel.Fastest"/> by default,
    /// as ASP.NET Core (more ratio costs more CPU than it saves on a fast network).</summary>
    public CompressionLevel Level { get; init; } = CompressionLevel.Fastest;

    /// <summary>The media types compressed (without parameters); a type ending in <c>/*</c> covers its family.
    /// Images, video, archives and fonts are already compressed and left alone.</summary>
    public IReadOnlyList<string> MimeTypes { get; init; } =
    [
        "text/*", "application/json", "application/javascript", "application/xml", "application/xhtml+xml",
        "application/manifest+json", "application/problem+json", "image/svg+xml", "application/wasm",
    ];

    /// <summary>True (the default) serves <c>style.css.br</c> or <c>style.css.gz</c>, when present beside a static
    /// file or a <c>SendFile</c> file, to clients that accept the encoding, instead of compressing per request.</summary>
    public bool Precompressed { get; init; } = true;

    internal bool IsCompressible(string? contentType)
    {
        if (contentType is null) return false;
        var media = contentType.AsSpan();
        if (media.IndexOf(';') is var semicolon and >= 0) media = media[..semicolon];
        media = media.Trim();
        if (media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)) return false; // flushed event by event
        if (media.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var type in MimeTypes)
        {
            if (type.EndsWith("/*", StringComparison.Ordinal)
                ? media.StartsWith(type.AsSpan(0, type.Length - 1), StringComparison.OrdinalIgnoreCase)
                : media.Equals(type, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
