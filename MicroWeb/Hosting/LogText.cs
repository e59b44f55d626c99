using System.Buffers;
using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// Makes request values safe to log, as nginx does in its access log: control characters (CR, LF, ESC, BEL, DEL,
/// C1), the quote and the backslash become <c>\xHH</c>, and U+2028/U+2029 (line breaks to some viewers) <c>\uHHHH</c>.
/// A client can then neither forge a log line nor send escape sequences to the terminal that shows the log.
/// </summary>
internal static class LogText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0xA0 - 0x7F)).Select(c => (char)c).Concat("\"\\\u2028\u2029").ToArray());

    /// <summary>The most characters <see cref="Escape(ReadOnlySpan{char}, Span{char})"/> writes per input character.</summary>
    public const int MaxExpansion = 6;

    /// <summary>True when the text would be logged as it is.</summary>
    public static bool IsPlain(ReadOnlySpan<char> text) => !text.ContainsAny(Unsafe);

    /// <summary>The text with every unsafe character escaped (the same string when there is none).</summary>
    public static string Escape(string text)
    {
        if (IsPlain(text)) return text;
        var buffer = new char[text.Length * MaxExpansion];
        return new string(buffer, 0, Escape(text, buffer));
    }

    /// <summary>Writes the escaped text; returns the number of characters written.</summary>
    public static int Escape(ReadOnlySpan<char> text, Span<char> destination)
    {
        var at = 0;
        foreach (var c in text)
        {
            if (!Unsafe.Contains(c)) { destination[at++] = c; continue; }
            var hex = c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}";
            hex.CopyTo(destination[at..]);
            at += hex.Length;
        }
        return at;
    }
}
