using System.Globalization;
using MicroWeb.Http;

namespace MicroWeb.Files;

/// <summary>
/// A file on disk, answered as HTTP expects: ETag and Last-Modified, conditional GET (If-None-Match,
/// If-Modified-Since → 304), a single Range (206, or 416 when unsatisfiable; If-Range respected), HEAD, and
/// <c>X-Content-Type-Options: nosniff</c>. Malformed conditional or Range headers are ignored, as RFC 9110 says.
/// </summary>
public sealed class FileResponse : Response
{
    private readonly FileInfo _file;
    private readonly string _etag;
    private readonly DateTimeOffset _lastModified;

    /// <summary>Creates the response for an existing file.</summary>
    public FileResponse(FileInfo file, string contentType, string? cacheControl = null)
    {
        // A symbolic link reports its own size and time; the content is the target's.
        if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) file = target;
        _file = file;
        // Strong validator from size and modification time: it changes whenever the content can have changed.
        _etag = $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"";
        _lastModified = new DateTimeOffset(file.LastWriteTimeUtc.Ticks - file.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        ContentType = contentType;
        Headers["ETag"] = _etag;
        Headers["Last-Modified"] = HttpDate(_lastModified);
        Headers["Accept-Ranges"] = "bytes";
        Headers["X-Content-Type-Options"] = "nosniff";
        if (cacheControl is not null) Headers["Cache-Control"] = cacheControl;
        _small = SmallFileCache.Get(file);
        Body = _small is null ? new FileBody(file.FullName, 0, file.Length) : new BytesBody(_small);
    }

    private readonly byte[]? _small;

    /// <summary>The file sent (the target of a link).</summary>
    internal FileInfo File => _file;

    /// <inheritdoc />
    protected internal override ValueTask PrepareAsync(Request request)
    {
        if (request.Method is not ("GET" or "HEAD") || StatusCode != 200) return ValueTask.CompletedTask;

        if (NotModified(request))
        {
            StatusCode = 304;
            Body = null;
            ContentType = null;
            return ValueTask.CompletedTask;
        }

        var range = request.Headers["Range"];
        if (range is null || !IfRangeHolds(request.Headers["If-Range"])) return ValueTask.CompletedTask;
        var length = _file.Length;
        switch (ParseRange(range, length, out var start, out var end))
        {
            case RangeResult.Satisfiable:
                StatusCode = 206;
                Headers["Content-Range"] = $"bytes {start}-{end}/{length}";
                Body = _small is null
                    ? new FileBody(_file.FullName, start, end - start + 1)
                    : new BytesBody(_small.AsMemory((int)start, (int)(end - start + 1)));
                break;
            case RangeResult.Unsatisfiable:
            {
                // Answered as every other error (the app's handler or error page), not as an empty body labelled
                // with the file's Content-Type.
                var error = new HttpException(416);
                error.Headers["Content-Range"] = $"bytes */{length}";
                throw error;
            }
        }
        return ValueTask.CompletedTask;
    }

    private bool NotModified(Request request)
    {
        var ifNoneMatch = request.Headers["If-None-Match"];
        if (ifNoneMatch is not null)
            return ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => WeakEquals(t.Trim(), _etag));
        return request.Headers["If-Modified-Since"] is { } since && TryParseDate(since, out var date) && _lastModified <= date;
    }

    private bool IfRangeHolds(string? ifRange)
    {
        if (ifRange is null) return true;
        if (ifRange.StartsWith('"')) return ifRange == _etag; // strong comparison, as required for ranges
        return TryParseDate(ifRange, out var date) && _lastModified == date;
    }

    private static bool WeakEquals(string tag, string etag) => (tag.StartsWith("W/") ? tag[2..] : tag) == etag;

    private static bool TryParseDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    private enum RangeResult { Ignore, Satisfiable, Unsatisfiable }

    // One range only ("bytes=0-99", "bytes=100-", "bytes=-50"); several ranges or junk mean "send it all".
    private static RangeResult ParseRange(string header, long length, out long start, out long end)
    {
        start = end = 0;
        header = header.Trim();
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return RangeResult.Ignore;
        var spec = header[6..].Trim();
        if (spec.Contains(',')) return RangeResult.Ignore;
        var dash = spec.IndexOf('-');
        if (dash < 0) return RangeResult.Ignore;
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        const NumberStyles digits = NumberStyles.None;
        if (first.Length == 0)
        {
            if (!long.TryParse(last, digits, CultureInfo.InvariantCulture, out var suffix)) return RangeResult.Ignore;
            if (suffix == 0 || length == 0) return RangeResult.Unsatisfiable;
            start = Math.Max(0, length - suffix);
            end = length - 1;
            return RangeResult.Satisfiable;
        }
        if (!long.TryParse(first, digits, CultureInfo.InvariantCulture, out start)) return RangeResult.Ignore;
        if (last.Length == 0) end = length - 1;
        else if (!long.TryParse(last, digits, CultureInfo.InvariantCulture, out end) || end < start) return RangeResult.Ignore;
        if (start >= length) return RangeResult.Unsatisfiable;
        end = Math.Min(end, length - 1);
        return RangeResult.Satisfiable;
    }
}
