using System.Text;

namespace MicroWeb.Http;

/// <summary>Parses a buffered multipart/form-data body (RFC 7578). Malformed input raises a 400.</summary>
internal static class MultipartParser
{
    public static (MultiDictionary Fields, IReadOnlyList<UploadedFile> Files) Parse(ReadOnlyMemory<byte> body, string boundary, int maxParts)
    {
        if (boundary.Length is 0 or > 70) throw Bad("the multipart boundary is missing or too long");
        var fields = new MultiDictionary();
        var files = new List<UploadedFile>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;

        var start = span.IndexOf(delimiter);
        if (start < 0) throw Bad("the multipart body does not contain its boundary");
        var pos = start + delimiter.Length;
        var parts = 0;
        while (true)
        {
            if (span.Length - pos >= 2 && span[pos] == '-' && span[pos + 1] == '-') break; // closing delimiter
            pos = SkipLineEnd(span, pos);
            var headerEnd = span[pos..].IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0) throw Bad("a multipart part has no end of headers");
            var headers = Encoding.UTF8.GetString(span.Slice(pos, headerEnd));
            pos += headerEnd + 4;
            var next = span[pos..].IndexOf(Encoding.ASCII.GetBytes("\r\n--" + boundary));
            if (next < 0) throw Bad("a multipart part is not terminated by the boundary");
            var content = body.Slice(pos, next);
            pos += next + 2 + delimiter.Length;
            if (++parts > maxParts) throw new HttpException(413, $"The form has more than {maxParts} parts.");

            string? name = null, fileName = null, contentType = "text/plain";
            foreach (var line in headers.Split("\r\n"))
            {
                var colon = line.IndexOf(':');
                if (colon <= 0) throw Bad("a multipart part has a malformed header");
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
                {
                    name = Parameter(value, "name");
                    fileName = Parameter(value, "filename");
                }
                else if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            }
            if (name is null) throw Bad("a multipart part has no field name");
            if (fileName is not null) files.Add(new UploadedFile(name, fileName, contentType, content));
            else
            {
                try { fields.Add(name, UrlEncodingStrict(content.Span)); }
                catch (DecoderFallbackException) { throw Bad($"form field '{name}' is not valid UTF-8"); }
            }
        }
        return (fields, files);
    }

    private static string UrlEncodingStrict(ReadOnlySpan<byte> bytes) => Routing.UrlEncoding.StrictUtf8.GetString(bytes);

    private static int SkipLineEnd(ReadOnlySpan<byte> span, int pos)
    {
        if (span.Length - pos >= 2 && span[pos] == '\r' && span[pos + 1] == '\n') return pos + 2;
        throw Bad("the multipart boundary is not followed by a line break");
    }

    private static string? Parameter(string header, string name)
    {
        foreach (var piece in header.Split(';').Skip(1))
        {
            var eq = piece.IndexOf('=');
            if (eq < 0 || !piece[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            var value = piece[(eq + 1)..].Trim();
            return value.Length >= 2 && value[0] == '"' ? value[1..^1] : value;
        }
        return null;
    }

    private static HttpException Bad(string why) => new(400, $"Malformed multipart body: {why}.");
}
