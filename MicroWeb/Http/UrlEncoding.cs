using System.Text;

namespace MicroWeb.Http;

/// <summary>Percent-encoding and strict decoding of URL parts (UTF-8).</summary>
public static class UrlEncoding
{
    // RFC 3986 pchar minus what would change the meaning of a segment: unreserved plus a few sub-delims.
    private const string SegmentSafe = "-._~!$&'()*+,;=:@";
    private const string QuerySafe = "-._~!$'()*,;:@/";

    /// <summary>Encodes one path segment ('/' becomes %2F).</summary>
    public static string EncodeSegment(string text) => Encode(text, SegmentSafe);

    /// <summary>Encodes a path that may contain '/' (for <c>path</c> variables).</summary>
    public static string EncodePath(string text) => Encode(text, SegmentSafe + "/");

    /// <summary>Encodes a query string name or value (space as %20, '&amp;', '=', '+', '#' encoded).</summary>
    public static string EncodeQueryComponent(string text) => Encode(text, QuerySafe);

    /// <summary>Encodes a query name or value as Werkzeug's <c>url_encode</c> does (HTML form encoding): space as
    /// '+', '+' itself as %2B, '/', '?', ':' and '@' kept.</summary>
    public static string EncodeFormComponent(string text) => Encode(text, QuerySafe + "? ").Replace(' ', '+');

    private static string Encode(string text, string safe)
    {
        var needs = false;
        foreach (var c in text)
            if (!IsSafe(c, safe)) { needs = true; break; }
        if (!needs) return text;

        var sb = new StringBuilder(text.Length + 16);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsSafe(c, safe)) { sb.Append(c); continue; }
            int count;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), buffer);
                i++;
            }
            else count = Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), buffer);
            for (var b = 0; b < count; b++) sb.Append('%').Append(buffer[b].ToString("X2"));
        }
        return sb.ToString();
    }

    private static bool IsSafe(char c, string safe) => char.IsAsciiLetterOrDigit(c) || safe.Contains(c);

    /// <summary>
    /// Decodes %XX escapes (and '+' as space when <paramref name="plusIsSpace"/>) and checks the bytes are
    /// valid UTF-8. Returns false on a malformed escape or invalid UTF-8, so the caller can answer 400.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, bool plusIsSpace, out string decoded)
    {
        if (NothingToDecode(text, plusIsSpace))
        {
            decoded = text.ToString();
            return true;
        }
        return TryDecodeEscapes(text, plusIsSpace, out decoded);
    }

    /// <inheritdoc cref="TryDecode(ReadOnlySpan{char}, bool, out string)"/>
    /// <remarks>Text with nothing to decode (most paths) comes back as the same string, not a copy.</remarks>
    public static bool TryDecode(string text, bool plusIsSpace, out string decoded)
    {
        if (NothingToDecode(text, plusIsSpace))
        {
            decoded = text;
            return true;
        }
        return TryDecodeEscapes(text, plusIsSpace, out decoded);
    }

    private static bool NothingToDecode(ReadOnlySpan<char> text, bool plusIsSpace) =>
        plusIsSpace ? text.IndexOfAny('%', '+') < 0 : !text.Contains('%');

    private static bool TryDecodeEscapes(ReadOnlySpan<char> text, bool plusIsSpace, out string decoded)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    decoded = string.Empty;
                    return false;
                }
                bytes[n++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                i += 2;
            }
            else if (c == '+' && plusIsSpace) bytes[n++] = (byte)' ';
            else n += Encoding.UTF8.GetBytes(text.Slice(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), bytes.AsSpan(n));
            if (char.IsHighSurrogate(c) && c != '%' && i + 1 < text.Length) i++;
        }
        try
        {
            decoded = StrictUtf8.GetString(bytes, 0, n);
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = string.Empty;
            return false;
        }
    }

    /// <summary>UTF-8 that throws on invalid bytes instead of inventing U+FFFD.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
