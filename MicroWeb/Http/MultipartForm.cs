using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MicroWeb.Http;

/// <summary>
/// Reads a multipart/form-data body (RFC 7578) as it arrives, with ASP.NET Core's <see cref="MultipartReader"/> and
/// header parsers (quoted strings, <c>filename*</c>, transport padding, preambles). Fields count against
/// <see cref="Request.MaxFormMemorySize"/>, fields and files against <see cref="Request.MaxFormParts"/> (413); files
/// are spooled to disk past a threshold (<see cref="UploadedFile"/>). Malformed input is a 400.
/// </summary>
internal static class MultipartForm
{
    public static async Task<(MultiDictionary Fields, IReadOnlyList<UploadedFile> Files)> ReadAsync(
        Request request, Stream body, string boundary, CancellationToken cancellationToken)
    {
        // RFC 2046: 1 to 70 characters.
        if (boundary.Length is 0 or > 70) throw Bad("the multipart boundary is missing or longer than 70 characters");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null, HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        var fields = new MultiDictionary();
        var files = new List<UploadedFile>();
        long fieldBytes = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (fields.Count + files.Count >= request.MaxFormParts) throw FormLimits.TooManyParts(request);
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw Bad("a part has no 'Content-Disposition: form-data' header");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (string.IsNullOrEmpty(name)) throw Bad("a part has no field name");

                if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                {
                    var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value! : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                    fileName = WithoutWindowsPath(fileName);
                    var file = await UploadedFile.ReadAsync(name, fileName, section.ContentType ?? "application/octet-stream", section.Body, cancellationToken);
                    request.OnEnd(file);
                    files.Add(file);
                }
                else
                {
                    var value = await ReadFieldAsync(request, section.Body, name, request.MaxFormMemorySize - fieldBytes, cancellationToken);
                    fieldBytes += value.Bytes;
                    fields.Add(name, value.Text);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The socket's failures are HttpExceptions already (RequestBodyStream): what is left is the content.
            throw Bad(e.Message.TrimEnd('.'));
        }
        return (fields, files);
    }

    private static async Task<(string Text, long Bytes)> ReadFieldAsync(Request request, Stream section, string name, long budget, CancellationToken cancellationToken)
    {
        using var value = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await section.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (value.Length + read > budget) throw FormLimits.TooLarge(request);
            value.Write(buffer, 0, read);
        }
        try
        {
            return (UrlEncoding.StrictUtf8.GetString(value.GetBuffer(), 0, (int)value.Length), value.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Bad($"form field '{name}' is not valid UTF-8");
        }
    }

    // Internet Explorer sends the client's full path (C:\Users\...\a.doc, \\server\share\a.doc): keep its last
    // component, as Werkzeug does. Other names are left as sent (see UploadedFile.SafeFileName before using one).
    private static string WithoutWindowsPath(string fileName) =>
        (fileName.Length > 3 && char.IsAsciiLetter(fileName[0]) && fileName[1] == ':' && fileName[2] == '\\') || fileName.StartsWith(@"\\", StringComparison.Ordinal)
            ? fileName[(fileName.LastIndexOf('\\') + 1)..]
            : fileName;

    private static HttpException Bad(string why) => new(400, $"Malformed multipart body: {why}.");
}
