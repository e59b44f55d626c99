using System.Text;

namespace MicroWeb.Http;

/// <summary>Reads the Cookie request header and writes Set-Cookie values (RFC 6265).</summary>
internal static class CookieHeader
{
    public static IReadOnlyDictionary<string, string> Parse(string? header)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(header)) return cookies;
        foreach (var part in header.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue; // a malformed pair is skipped, never an error
            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            if (name.Length == 0) continue;
            if (!UrlEncoding.TryDecode(value, plusIsSpace: false, out var decoded)) decoded = value;
            cookies.TryAdd(name, decoded);
        }
        return cookies;
    }

    public static string Format(string name, string value, CookieOptions options)
    {
        foreach (var c in name)
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c))
                throw new ArgumentException($"Cookie name '{name}' is not a valid token.", nameof(name));
        // Values are percent-encoded, so user data can never add attributes or headers.
        var sb = new StringBuilder(name).Append('=').Append(UrlEncoding.EncodeQueryComponent(value).Replace(";", "%3B").Replace(",", "%2C"));
        if (options.Expires is { } expires) sb.Append("; Expires=").Append(Response.HttpDate(expires));
        if (options.MaxAge is { } maxAge) sb.Append("; Max-Age=").Append((long)maxAge.TotalSeconds);
        if (!string.IsNullOrEmpty(options.Domain)) sb.Append("; Domain=").Append(Attribute(options.Domain));
        if (!string.IsNullOrEmpty(options.Path)) sb.Append("; Path=").Append(Attribute(options.Path));
        if (string.Equals(options.SameSite, "None", StringComparison.OrdinalIgnoreCase) && !options.Secure)
            throw new ArgumentException("SameSite=None requires Secure (browsers drop such a cookie otherwise).", nameof(options));
        if (options.Secure) sb.Append("; Secure");
        if (options.HttpOnly) sb.Append("; HttpOnly");
        if (!string.IsNullOrEmpty(options.SameSite)) sb.Append("; SameSite=").Append(Attribute(options.SameSite));
        return sb.ToString();
    }

    private static string Attribute(string value) =>
        value.Any(c => c < ' ' || c >= 0x7F || c == ';') ? throw new ArgumentException($"Cookie attribute '{value}' has forbidden characters.") : value;
}
