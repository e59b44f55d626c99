using System.Buffers;
using System.Text;

namespace MicroWeb.Templates;

/// <summary>Rendered text to UTF-8 bytes without making a string of it first.</summary>
internal static class Utf8
{
    /// <summary>The text of <paramref name="text"/> as UTF-8, in an array of exactly its length.</summary>
    public static byte[] Encode(StringBuilder text)
    {
        var chunks = text.GetChunks().GetEnumerator();
        if (!chunks.MoveNext()) return [];
        var first = chunks.Current;
        // A reused builder holds its text in one chunk: encoded where it lies.
        if (!chunks.MoveNext()) return EncodeSpan(first.Span);
        // Otherwise the chunks are laid side by side first, so a character split between two is encoded whole.
        var joined = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, joined, 0, text.Length);
            return EncodeSpan(joined.AsSpan(0, text.Length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(joined);
        }
    }

    private static byte[] EncodeSpan(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
