using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MicroWeb.Http;
using MicroWeb.StaticFiles;

namespace MicroWeb.Files;

/// <summary>Flask's <c>send_file</c> and CSV downloads. <see cref="Web"/> exposes them to handlers.</summary>
public static class FileResponses
{
    /// <summary>
    /// Sends a file from disk with conditional GET and ranges. A relative path is resolved against the app's content root.
    /// The content type comes from <paramref name="downloadName"/> or the path unless given.
    /// </summary>
    /// <exception cref="HttpException">404 when the file does not exist.</exception>
    public static Response SendFile(string path, string? downloadName = null, string? contentType = null, bool asAttachment = false, string? contentRoot = null)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), path);
        var file = new FileInfo(full);
        if (!file.Exists) throw new HttpException(404);
        var response = new FileResponse(file, contentType ?? ContentTypes.For(downloadName ?? file.Name));
        Disposition(response, downloadName, asAttachment);
        return response;
    }

    /// <summary>Sends a stream (disposed when sent), e.g. an image generated in memory.</summary>
    public static Response SendFile(Stream content, string downloadName, string? contentType = null, bool asAttachment = false)
    {
        var response = new Response(content, 200, contentType ?? ContentTypes.For(downloadName));
        response.Headers["X-Content-Type-Options"] = "nosniff";
        Disposition(response, downloadName, asAttachment);
        return response;
    }

    /// <summary>Sends bytes as a file.</summary>
    public static Response SendFile(byte[] content, string downloadName, string? contentType = null, bool asAttachment = false) =>
        SendFile(new MemoryStream(content, writable: false), downloadName, contentType, asAttachment);

    /// <summary>
    /// A CSV download written with CsvHelper as it is sent (never built in memory): a header row from the property names
    /// (or CsvHelper's <c>[Name]</c> attributes and class maps), RFC 4180 quoting, UTF-8, <c>text/csv</c>, as an attachment.
    /// </summary>
    /// <param name="records">The rows.</param>
    /// <param name="fileName">The name the browser saves it under.</param>
    /// <param name="configuration">CsvHelper's settings (delimiter, culture...); invariant culture when null.</param>
    /// <param name="guardFormulas">
    /// On by default: a field starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR gets a leading <c>'</c>,
    /// so a spreadsheet shows it as text instead of running it as a formula (CSV injection, as OWASP describes it;
    /// CsvHelper's <c>InjectionOptions.Escape</c>). Negative numbers are then text too (<c>'-5</c>): turn it off for
    /// exports with no user-supplied text, or set <c>InjectionOptions</c> in <paramref name="configuration"/>.
    /// </param>
    public static Response Csv<T>(IEnumerable<T> records, string fileName, CsvConfiguration? configuration = null, bool guardFormulas = true)
    {
        var config = configuration ?? (guardFormulas ? GuardedCsv : DefaultCsv);
        if (guardFormulas && config.InjectionOptions == InjectionOptions.None) config = config with { InjectionOptions = InjectionOptions.Escape };
        var response = new Response
        {
            ContentType = "text/csv; charset=utf-8",
            Body = new CallbackBody(async (stream, token) =>
            {
                // The writers flush the stream when disposed; a flush would send the body chunked (see ResponseBuffer),
                // so they see a stream whose flush waits for the end of the body.
                await using var writer = new StreamWriter(new FlushAtEnd(stream), new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
                if (CsvWriterPool.Supports<T>())
                {
                    await CsvWriterPool.WriteAsync(records, writer, config, token);
                    return;
                }
                await using var csv = new CsvWriter(writer, config); // dynamic records: a writer of their own
                await csv.WriteRecordsAsync(records, token);
            }),
        };
        Disposition(response, fileName, asAttachment: true);
        return response;
    }

    private static readonly CsvConfiguration DefaultCsv = new(CultureInfo.InvariantCulture);
    private static readonly CsvConfiguration GuardedCsv = DefaultCsv with { InjectionOptions = InjectionOptions.Escape };

    private static void Disposition(Response response, string? name, bool asAttachment)
    {
        if (name is not null) response.Headers["Content-Disposition"] = ContentDisposition.Format(name, asAttachment);
        else if (asAttachment) response.Headers["Content-Disposition"] = "attachment";
    }

    // Writes go through; flushes are left to whoever sends the body, once it has ended.
    private sealed class FlushAtEnd(Stream inner) : WriteOnlyStream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
