namespace MicroWeb.Compression;

/// <summary>The encodings MicroWeb sends, chosen from a request's <c>Accept-Encoding</c> (RFC 9110, section 12.5.3).</summary>
internal enum ContentCoding { Identity, Gzip, Brotli }

internal static class AcceptEncoding
{
    /// <summary>
    /// The preferred coding the client accepts: the highest q-value wins, Brotli before gzip when equal (smaller).
    /// <c>q=0</c> refuses a coding; <c>*</c> stands for codings not named. No header, or nothing usable: identity.
    /// </summary>
    public static ContentCoding Choose(string? header, bool brotliAvailable = true, bool gzipAvailable = true)
    {
        if (string.IsNullOrEmpty(header)) return ContentCoding.Identity;
        double? br = null, gzip = null, star = null;
        foreach (var item in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            var q = 1.0;
            foreach (var parameter in parts.AsSpan(1))
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && !double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out q))
                    q = 0; // a malformed weight is not an acceptance
            switch (parts[0].ToLowerInvariant())
            {
                case "br": br = q; break;
                case "gzip" or "x-gzip": gzip = q; break;
                case "*": star = q; break;
            }
        }
        var brQ = brotliAvailable ? br ?? star ?? 0 : 0;
        var gzipQ = gzipAvailable ? gzip ?? star ?? 0 : 0;
        if (brQ <= 0 && gzipQ <= 0) return ContentCoding.Identity;
        return brQ >= gzipQ ? ContentCoding.Brotli : ContentCoding.Gzip;
    }

    public static string Token(ContentCoding coding) => coding == ContentCoding.Brotli ? "br" : "gzip";

    public static string Extension(ContentCoding coding) => coding == ContentCoding.Brotli ? ".br" : ".gz";
}
