using System.Globalization;
using System.Text;
using System.Text.Json;

using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// A full HTTP response: status, headers, cookies and body. Return it from a handler for full control;
/// strings, objects and tuples returned by handlers are turned into one of these.
/// </summary>
public class Response
{
    /// <summary>The content type of HTML pages: what a returned string becomes.</summary>
    public const string HtmlType = "text/html; charset=utf-8";

    /// <summary>The content type of JSON responses.</summary>
    public const string JsonType = "application/json";

    /// <summary>Creates an empty 200 response.</summary>
    public Response() { }

    /// <summary>Creates a response from text (UTF-8), HTML by default, as Flask's <c>Response(body, status, mimetype=...)</c>.</summary>
    public Response(string body, int statusCode = 200, string contentType = HtmlType)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = new BytesBody(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Creates a response from bytes.</summary>
    public Response(byte[] body, int statusCode = 200, string contentType = "application/octet-stream")
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = new BytesBody(body);
    }

    /// <summary>Creates a response that copies a stream (disposed when sent).</summary>
    public Response(Stream body, int statusCode = 200, string contentType = "application/octet-stream")
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = new StreamBody(body);
    }

    /// <summary>The status code; 200 by default.</summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>The Content-Type header; none when null. Checked like every header: CR, LF (so obs-fold), other
    /// control characters and non-ASCII are refused, so a content type taken from user data (an upload's declared
    /// type echoed back) cannot split the response.</summary>
    /// <exception cref="ArgumentException">The value has a character not allowed in a header.</exception>
    public string? ContentType
    {
        get => _contentType;
        set
        {
            // The framework's own constants are known to be clean.
            if (value is not null && !ReferenceEquals(value, HtmlType) && !ReferenceEquals(value, JsonType))
                ResponseHeaders.Validate("Content-Type", value);
            _contentType = value;
        }
    }

    private string? _contentType;

    /// <summary>Headers other than Content-Type and Content-Length.</summary>
    public ResponseHeaders Headers => _headers ??= new();

    // Created when first asked for: most responses carry no header beyond what the server writes itself.
    private ResponseHeaders? _headers;

    /// <summary>True when <see cref="Headers"/> holds at least one header (without creating the collection).</summary>
    internal bool HasHeaders => _headers is { Count: > 0 };

    /// <summary>The body; none when null.</summary>
    public ResponseBody? Body { get; set; }

    /// <summary>Text of the body when it is held in memory (for tests and after-request hooks); null otherwise.</summary>
    public string? BodyText => Body is BytesBody b ? Encoding.UTF8.GetString(b.Bytes.Span) : null;

    /// <summary>A JSON response, serialized with <paramref name="options"/>, else with the options of the app handling
    /// the current request (<see cref="MicroWebApp.JsonOptions"/>), else with <see cref="JsonDefaults"/>.</summary>
    public static Response Json(object? value, int statusCode = 200, JsonSerializerOptions? options = null) => new()
    {
        StatusCode = statusCode,
        ContentType = JsonType,
        // The runtime type's contract from the options: a source-generated context there serves trimmed and AOT apps.
        Body = new BytesBody(JsonMetadata.SerializeToUtf8Bytes(value, options ?? JsonDefaults.Current)),
    };

    /// <summary>The answer to a request the server upgraded (a WebSocket): the handshake went out with the upgrade,
    /// and nothing more is written.</summary>
    internal static Response Upgraded() => new() { StatusCode = 101, IsUpgraded = true };

    /// <summary>True for <see cref="Upgraded"/>: the connection belongs to the upgraded protocol.</summary>
    internal bool IsUpgraded { get; private init; }

    /// <summary>A plain-text response.</summary>
    public static Response Text(string text, int statusCode = 200) => new(text, statusCode, "text/plain; charset=utf-8");

    /// <summary>A response with a status and no body (e.g. 204).</summary>
    public static Response Empty(int statusCode = 204) => new() { StatusCode = statusCode };

    /// <summary>Adds a Set-Cookie header.</summary>
    public Response SetCookie(string name, string value, CookieOptions? options = null)
    {
        Headers.Add("Set-Cookie", CookieHeader.Format(name, value, options ?? new CookieOptions()));
        return this;
    }

    /// <summary>Tells the client to forget a cookie (expires it now).</summary>
    public Response DeleteCookie(string name, string? path = "/", string? domain = null) =>
        SetCookie(name, string.Empty, new CookieOptions { Path = path, Domain = domain, MaxAge = TimeSpan.Zero, Expires = DateTimeOffset.UnixEpoch });

    /// <summary>
    /// Called once the request is known and just before the response is sent, so that a response can adapt to the
    /// request (conditional GET, ranges). Does nothing by default.
    /// </summary>
    protected internal virtual ValueTask PrepareAsync(Request request) => ValueTask.CompletedTask;

    internal static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}
