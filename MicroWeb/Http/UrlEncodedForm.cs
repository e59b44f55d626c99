using System.Buffers;
using System.Text;

namespace MicroWeb.Http;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body as it arrives, pair by pair, within the form limits:
/// more than <see cref="Request.MaxFormMemorySize"/> bytes or <see cref="Request.MaxFormParts"/> fields is a 413 as soon
/// as it is crossed, before the rest is read. The body's bytes are kept too (at most MaxFormMemorySize of them), so
/// <see cref="Request.ReadBodyAsync"/> still works after the form was read (a webhook checking a signature).
/// </summary>
internal static class UrlEncodedForm
{
    public static async Task<(MultiDictionary Fields, byte[] Body)> ReadAsync(Request request, Stream body, CancellationToken cancellationToken)
    {
        var fields = new MultiDictionary();
        var pending = new ArrayBufferWriter<byte>();
        var raw = new ArrayBufferWriter<byte>();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > request.MaxFormMemorySize) throw FormLimits.TooLarge(request);
                var span = buffer.AsSpan(0, read);
                raw.Write(span);
                int amp;
                while ((amp = span.IndexOf((byte)'&')) >= 0)
                {
                    pending.Write(span[..amp]);
                    Add(request, fields, pending.WrittenSpan);
                    pending.ResetWrittenCount();
                    span = span[(amp + 1)..];
                }
                pending.Write(span);
            }
            Add(request, fields, pending.WrittenSpan);
            return (fields, raw.WrittenSpan.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Add(Request request, MultiDictionary fields, ReadOnlySpan<byte> pair)
    {
        if (pair.IsEmpty) return;
        if (fields.Count >= request.MaxFormParts) throw FormLimits.TooManyParts(request);
        string text;
        try { text = UrlEncoding.StrictUtf8.GetString(pair); }
        catch (DecoderFallbackException) { throw new HttpException(400, "The form body is not valid UTF-8."); }
        var eq = text.IndexOf('=');
        var rawName = eq < 0 ? text.AsSpan() : text.AsSpan(0, eq);
        var rawValue = eq < 0 ? default : text.AsSpan(eq + 1);
        if (!UrlEncoding.TryDecode(rawName, plusIsSpace: true, out var name) || !UrlEncoding.TryDecode(rawValue, plusIsSpace: true, out var value))
            throw new HttpException(400, "The form body has a malformed percent-escape.");
        fields.Add(name, value);
    }
}
