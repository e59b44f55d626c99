namespace MicroWeb.Http;

/// <summary>The checks behind <see cref="Responses.IsLocalUrl"/> and the script-URL refusal of <see cref="Responses.Redirect"/>.</summary>
internal static class LocalUrls
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && url[1] is '/' or '\\') return false;
        // Browsers drop tabs and line breaks inside URLs and read '\' as '/': "/\t/evil" and "/\evil" become "//evil".
        foreach (var c in url)
            if (c is '\\' || char.IsControl(c) || char.IsWhiteSpace(c)) return false;
        return true;
    }

    /// <summary>True for <c>javascript:</c>, <c>vbscript:</c> and <c>data:</c> URLs as a browser reads them: leading
    /// spaces and control characters skipped, tabs and line breaks inside ignored, any letter case.</summary>
    public static bool HasScriptScheme(string url)
    {
        Span<char> scheme = stackalloc char[12];
        var length = 0;
        foreach (var c in url)
        {
            if (c <= ' ') continue; // leading C0 and spaces are stripped, tab/CR/LF removed anywhere
            if (c == ':') break;
            if (!char.IsAsciiLetter(c) || length == scheme.Length) return false;
            scheme[length++] = char.ToLowerInvariant(c);
        }
        var name = scheme[..length];
        return name.SequenceEqual("javascript") || name.SequenceEqual("vbscript") || name.SequenceEqual("data");
    }
}
