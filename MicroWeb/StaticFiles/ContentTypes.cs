namespace MicroWeb.StaticFiles;

/// <summary>Content types by file extension; text types carry <c>charset=utf-8</c>; unknown ones are octet-stream.</summary>
public static class ContentTypes
{
    // Held as sent (charset included): a lookup per static file or template response, with nothing to build.
    private static readonly Dictionary<string, string> ByExtension = WithCharsets(new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html", [".htm"] = "text/html", [".css"] = "text/css", [".js"] = "text/javascript",
        [".mjs"] = "text/javascript", [".json"] = "application/json", [".map"] = "application/json",
        [".txt"] = "text/plain", [".md"] = "text/markdown", [".csv"] = "text/csv", [".tsv"] = "text/tab-separated-values",
        [".xml"] = "application/xml", [".rss"] = "application/rss+xml", [".atom"] = "application/atom+xml",
        [".svg"] = "image/svg+xml", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif", [".webp"] = "image/webp", [".avif"] = "image/avif", [".ico"] = "image/x-icon",
        [".bmp"] = "image/bmp", [".tif"] = "image/tiff", [".tiff"] = "image/tiff",
        [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".otf"] = "font/otf",
        [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".wav"] = "audio/wav", [".flac"] = "audio/flac",
        [".mp4"] = "video/mp4", [".webm"] = "video/webm", [".ogv"] = "video/ogg", [".mov"] = "video/quicktime",
        [".pdf"] = "application/pdf", [".zip"] = "application/zip", [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar", [".7z"] = "application/x-7z-compressed", [".wasm"] = "application/wasm",
        [".doc"] = "application/msword", [".xls"] = "application/vnd.ms-excel",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".webmanifest"] = "application/manifest+json", [".ics"] = "text/calendar", [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
    });

    // Looked up by the extension's characters: no substring per response.
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByExtensionSpan =
        ByExtension.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The type for a file name, e.g. <c>text/css; charset=utf-8</c> for <c>style.css</c>.</summary>
    public static string For(string fileName) => TryGet(fileName, out var type) ? type : "application/octet-stream";

    /// <summary>The type for a file name when its extension is known.</summary>
    internal static bool TryGet(string fileName, out string type) =>
        ByExtensionSpan.TryGetValue(Path.GetExtension(fileName.AsSpan()), out type!);

    /// <summary>Registers or replaces the type of an extension (with its dot).</summary>
    public static void Add(string extension, string contentType) => ByExtension[extension] = WithCharset(contentType);

    private static Dictionary<string, string> WithCharsets(Dictionary<string, string> types)
    {
        foreach (var (extension, type) in types.ToArray()) types[extension] = WithCharset(type);
        return types;
    }

    private static string WithCharset(string type) => IsText(type) ? type + "; charset=utf-8" : type;

    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/xml" or "image/svg+xml"
            or "application/javascript" or "application/manifest+json" or "application/yaml" or "application/rss+xml" or "application/atom+xml";
}
