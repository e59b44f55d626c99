using CsvHelper.Configuration;
using MicroWeb.Files;
using MicroWeb.Http;

namespace MicroWeb;

public static partial class Web
{
    /// <summary>Flask's <c>send_file</c> for a file on disk (relative paths from the app's content root), with
    /// ETag, Last-Modified, conditional GET and ranges.</summary>
    public static Response SendFile(string path, string? downloadName = null, string? contentType = null, bool asAttachment = false) =>
        FileResponses.SendFile(path, downloadName, contentType, asAttachment, RequestContext.Current?.App.Config.ContentRoot);

    /// <summary>Sends a stream as a file.</summary>
    public static Response SendFile(Stream content, string downloadName, string? contentType = null, bool asAttachment = false) =>
        FileResponses.SendFile(content, downloadName, contentType, asAttachment);

    /// <summary>Sends bytes as a file.</summary>
    public static Response SendFile(byte[] content, string downloadName, string? contentType = null, bool asAttachment = false) =>
        FileResponses.SendFile(content, downloadName, contentType, asAttachment);

    /// <summary>A CSV download written with CsvHelper while it is sent. Fields that a spreadsheet would run as a
    /// formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first) get a leading <c>'</c> unless <paramref name="guardFormulas"/> is false.</summary>
    public static Response Csv<T>(IEnumerable<T> records, string fileName, CsvConfiguration? configuration = null, bool guardFormulas = true) =>
        FileResponses.Csv(records, fileName, configuration, guardFormulas);
}
