using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroWeb.Routing;

using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// An incoming request, independent of the server that received it (HttpListener or the in-memory test client).
/// Query, cookies, form and JSON are parsed on first use.
/// </summary>
public sealed class Request
{
    private readonly string _rawTarget;
    private MultiDictionary? _query;
    private IReadOnlyDictionary<string, string>? _cookies;
    private byte[]? _body;
    private (MultiDictionary Fields, IReadOnlyList<UploadedFile> Files)? _form;
    private IReadOnlyDictionary<string, object?>? _routeValues;

    /// <summary>Creates a request. <paramref name="rawTarget"/> is the request target as sent: path and query, percent-encoded.</summary>
    public Request(string method, string rawTarget, RequestHeaders headers, Stream? body = null,
        IPEndPoint? remoteEndPoint = null, string scheme = "http", CancellationToken aborted = default)
    {
        Method = method.ToUpperInvariant();
        _rawTarget = rawTarget;
        var q = rawTarget.IndexOf('?');
        RawPath = q < 0 ? rawTarget : rawTarget[..q];
        QueryString = q < 0 ? string.Empty : rawTarget[(q + 1)..];
        if (RawPath.Length == 0) RawPath = "/";
        PathIsValid = UrlEncoding.TryDecode(RawPath, plusIsSpace: false, out var path) && path.StartsWith('/') && !path.Contains('\0');
        Path = PathIsValid ? Routing.DotSegments.Remove(path) : RawPath;
        Headers = headers;
        Body = body ?? Stream.Null;
        RemoteEndPoint = remoteEndPoint;
        Scheme = scheme;
        Aborted = aborted;
    }

    /// <summary>GET, POST, ... in upper case.</summary>
    public string Method { get; }

    /// <summary>The decoded path (<c>/hola/José</c>) without dot segments (RFC 3986 5.2.4), used for routing.</summary>
    public string Path { get; }

    /// <summary>The path as sent, still percent-encoded.</summary>
    public string RawPath { get; }

    /// <summary>False when the path has a malformed escape or invalid UTF-8 (answered with 400).</summary>
    public bool PathIsValid { get; }

    /// <summary>The query string without '?', still encoded.</summary>
    public string QueryString { get; }

    /// <summary>Path and query as sent.</summary>
    public string RawTarget => _rawTarget;

    /// <summary>Query arguments (Flask's <c>request.args</c>), multi-valued.</summary>
    /// <exception cref="HttpException">400 when the query string is malformed.</exception>
    public MultiDictionary Query => _query ??= QueryString.Length == 0
        ? MultiDictionary.Empty
        : MultiDictionary.TryParseUrlEncoded(QueryString) ?? throw new HttpException(400, "The query string has a malformed percent-escape or invalid UTF-8.");

    /// <summary>
    /// The first value of a query argument, as <c>Query[name]</c>, without building <see cref="Query"/> when the query
    /// string has nothing to decode (no '%', no '+'): then every name and value is literal and no part of it can be
    /// malformed, so the answer (and the absence of a 400) is the same.
    /// </summary>
    internal string? QueryValue(string name)
    {
        var text = QueryString.AsSpan();
        if (_query is not null || text.IndexOfAny('%', '+') >= 0) return Query[name];
        var pairs = new UrlEncodedPairs(text);
        while (pairs.Next(out var rawName, out var rawValue))
            if (rawName.SequenceEqual(name)) return rawValue.ToString();
        return null;
    }

    /// <summary>Request headers, case-insensitive.</summary>
    public RequestHeaders Headers { get; }

    /// <summary>Cookies sent by the client.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies ??= CookieHeader.Parse(Headers["Cookie"]);

    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Headers["Content-Type"];

    /// <summary>The declared Content-Length, or null (chunked or no body).</summary>
    public long? ContentLength => long.TryParse(Headers["Content-Length"], out var n) && n >= 0 ? n : null;

    /// <summary>True when the content type is JSON (<c>application/json</c> or <c>+json</c>).</summary>
    public bool IsJson => MediaType is { } m && (m == "application/json" || m.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>The media type of the body without parameters, lower case (<c>multipart/form-data</c>).</summary>
    public string? MediaType => ParsedContentType is { } parsed ? parsed.MediaType.Value!.ToLowerInvariant() : ContentType?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The <c>charset</c> parameter of the Content-Type (quoted strings understood), or null.</summary>
    public string? Charset => ContentTypeParameter("charset");

    /// <summary>A parameter of the Content-Type header (<c>boundary</c>, <c>charset</c>), unquoted; null when absent
    /// or when the header is malformed.</summary>
    public string? ContentTypeParameter(string name)
    {
        if (ParsedContentType is not { } parsed) return null;
        var parameter = Microsoft.Net.Http.Headers.NameValueHeaderValue.Find(parsed.Parameters, name);
        return parameter is null ? null : Microsoft.Net.Http.Headers.HeaderUtilities.UnescapeAsQuotedString(parameter.Value).Value;
    }

    // Parsed by ASP.NET Core's header parser: quoted strings (boundary="a;b"), escapes, case-insensitive names.
    private Microsoft.Net.Http.Headers.MediaTypeHeaderValue? ParsedContentType =>
        _contentTypeParsed ? _contentType : ParseContentType();

    private Microsoft.Net.Http.Headers.MediaTypeHeaderValue? _contentType;
    private bool _contentTypeParsed;

    private Microsoft.Net.Http.Headers.MediaTypeHeaderValue? ParseContentType()
    {
        _contentType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(ContentType, out var parsed) ? parsed : null;
        _contentTypeParsed = true;
        return _contentType;
    }

    /// <summary>The raw body, readable once. Prefer the Read* methods, which enforce the size limit.</summary>
    public Stream Body { get; }

    /// <summary>The client's address (behind trusted proxies, the one they forwarded; see <c>AppConfig.TrustedProxies</c>).</summary>
    public IPEndPoint? RemoteEndPoint { get; internal set; }

    /// <summary>"http", or what a trusted proxy forwarded ("https" behind a TLS-terminating nginx).</summary>
    public string Scheme { get; internal set; }

    /// <summary>The Host header (behind trusted proxies, the forwarded host), with its port if it has one.</summary>
    public string Host
    {
        get => _host ??= Headers["Host"] ?? "localhost";
        internal set => _host = value;
    }

    private string? _host;

    /// <summary>
    /// The path the app is mounted under, from a trusted proxy's <c>X-Forwarded-Prefix</c> (<c>/shop</c>), or empty;
    /// Flask's <c>request.script_root</c>. Built URLs and redirects start with it; <see cref="Path"/> does not.
    /// </summary>
    public string PathBase { get; internal set; } = string.Empty;

    /// <summary>The full URL as the client used it.</summary>
    public string Url => $"{Scheme}://{Host}{PathBase}{_rawTarget}";

    /// <summary>The server's way to upgrade this request to a WebSocket (subprotocol, keep-alive interval), or null
    /// where the server has none.</summary>
    internal Func<string?, TimeSpan, Task<System.Net.WebSockets.WebSocket>>? AcceptWebSocket { get; set; }

    /// <summary>Fires when the client disconnects or the server stops.</summary>
    public CancellationToken Aborted { get; internal set; }

    /// <summary>The <c>Last-Event-ID</c> header: the id of the last Server-Sent Event a reconnecting browser received.</summary>
    public string? LastEventId => Headers["Last-Event-ID"];

    /// <summary>The matched endpoint name (Flask's <c>request.endpoint</c>), or null before routing or when nothing matched.</summary>
    public string? Endpoint { get; private set; }

    /// <summary>The matched rule as written, e.g. <c>/blog/&lt;int:id&gt;</c> (Flask's <c>str(request.url_rule)</c>), or null.</summary>
    public string? Rule { get; private set; }

    /// <summary>The matched rule's values by name, converted (Flask's <c>request.view_args</c>); names compare ignoring
    /// case and underscores.</summary>
    public IReadOnlyDictionary<string, object?> RouteValues => _routeValues ?? Empty;

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <summary>Records what routing found for this request.</summary>
    internal void Routed(string endpoint, string rule, IReadOnlyDictionary<string, object?>? values)
    {
        Endpoint = endpoint;
        Rule = rule;
        _routeValues = values;
    }

    /// <summary>Largest body the Read* methods accept; larger ones raise 413.</summary>
    public long MaxContentLength { get; internal set; } = 16 * 1024 * 1024;

    /// <summary>How long reading the body may take (a slow client gets 408).</summary>
    public TimeSpan BodyReadTimeout { get; internal set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most bytes of form fields kept in memory (<see cref="AppConfig.MaxFormMemorySize"/>); more raise 413.</summary>
    public long MaxFormMemorySize { get; internal set; } = 500 * 1000;

    /// <summary>Most fields and files a form may have (<see cref="AppConfig.MaxFormParts"/>); more raise 413.</summary>
    public int MaxFormParts { get; internal set; } = 1000;

    /// <summary>
    /// The body as the framework reads it, once: bounded by <see cref="MaxContentLength"/> (413, counted as bytes
    /// arrive) and <see cref="BodyReadTimeout"/> (408). After <see cref="ReadBodyAsync"/> it reads the kept bytes.
    /// </summary>
    internal RequestBodyStream OpenBody(bool requireUtf8, CancellationToken cancellationToken)
    {
        if (_body is not null) return new RequestBodyStream(this, new MemoryStream(_body, writable: false), requireUtf8, cancellationToken);
        if (_bodyTaken)
            throw new InvalidOperationException("The request body was already read as JSON or as a multipart form, as it arrived; it can be read once. Call ReadBodyAsync first to keep its bytes.");
        if (ContentLength > MaxContentLength) throw TooLarge();
        _bodyTaken = true;
        return new RequestBodyStream(this, Body, requireUtf8, cancellationToken);
    }

    private bool _bodyTaken;

    /// <summary>True when a body was announced: a Content-Length above 0, or a body of unknown length (chunked).</summary>
    internal bool HasBody => _body is not null ? _body.Length > 0 : ContentLength is { } n ? n > 0 : Body != Stream.Null;

    /// <summary>Reads the whole body into memory, bounded by <see cref="MaxContentLength"/> (413, counted as bytes
    /// arrive, so a chunked body is refused as soon as it crosses the limit) and by <see cref="BodyReadTimeout"/> (408).
    /// JSON and forms do not need it: <see cref="ReadJsonAsync{T}"/> and <see cref="ReadFormAsync"/> read the body as it
    /// arrives, so their memory is bounded by what they parse.</summary>
    public async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken = default)
    {
        if (_body is not null) return _body;
        await using var body = OpenBody(requireUtf8: false, cancellationToken);
        using var buffer = new MemoryStream(ContentLength is { } n ? (int)Math.Min(n, 1 << 20) : 0);
        await body.CopyToAsync(buffer, 16 * 1024, cancellationToken);
        return _body = buffer.ToArray();
    }

    private HttpException TooLarge() => Closing(413, $"The request body exceeds the limit of {MaxContentLength} bytes.");

    // The rest of the body is still on the connection: answer and close it rather than read it.
    internal static HttpException Closing(int status, string message)
    {
        var error = new HttpException(status, message);
        error.Headers["Connection"] = "close";
        return error;
    }

    /// <summary>Deserializes a JSON body as it arrives. Malformed JSON, invalid UTF-8, duplicate keys or too deep
    /// nesting raise a 400 that says why.</summary>
    public async Task<T?> ReadJsonAsync<T>(JsonSerializerOptions? options = null, CancellationToken cancellationToken = default) =>
        (T?)await ReadJsonAsync(typeof(T), options, cancellationToken);

    /// <summary>Deserializes a JSON body into a type known at run time (used for body parameters).</summary>
    public async Task<object?> ReadJsonAsync(Type type, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The DOM types are read through the document, whose strings are checked (a lone surrogate is a 400 here,
        // not an exception in the handler when it reads the value).
        if (typeof(JsonNode).IsAssignableFrom(type)) return await ReadJsonNodeAsync(cancellationToken);
        if (type == typeof(JsonElement))
            return await ReadJsonElementAsync(options, cancellationToken)
                ?? throw new HttpException(400, "The request body is not valid JSON: it is empty.");
        await using var body = OpenBody(requireUtf8: true, cancellationToken);
        try
        {
            return await JsonSerializer.DeserializeAsync(body, JsonMetadata.Info(options ?? JsonDefaults.Current, type), cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // InvalidOperation: a key that is not valid UTF-16
        {
            throw new HttpException(400, $"The request body is not valid JSON for {type.Name}: {e.Message}");
        }
    }

    /// <summary>Reads a JSON body as a DOM (Flask's <c>request.json</c>). Null when the body is empty.</summary>
    public async Task<JsonNode?> ReadJsonNodeAsync(CancellationToken cancellationToken = default)
    {
        if (_jsonNodeRead) return _jsonNode;
        var root = await ReadJsonElementAsync(null, cancellationToken);
        _jsonNode = root?.ValueKind switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.Object => JsonObject.Create(root.Value),
            JsonValueKind.Array => JsonArray.Create(root.Value),
            _ => JsonValue.Create(root.Value),
        };
        _jsonNodeRead = true;
        return _jsonNode;
    }

    private JsonNode? _jsonNode;
    private bool _jsonNodeRead;
    private JsonElement? _jsonElement;
    private bool _jsonRead;

    /// <summary>
    /// Parses a JSON body once, as it arrives; null when the body is empty. The element is cloned out of the parser's
    /// pooled buffer, so it outlives the request. Duplicate keys, strings that are not valid UTF-16 (a lone surrogate
    /// escape), invalid UTF-8 and nesting deeper than 64 are a 400.
    /// </summary>
    internal async Task<JsonElement?> ReadJsonElementAsync(JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_jsonRead) return _jsonElement;
        await using var body = OpenBody(requireUtf8: true, cancellationToken);
        JsonDocument parsed;
        try
        {
            parsed = await JsonDocument.ParseAsync(body, Validation.JsonText.DocumentOptionsFor(options), cancellationToken);
        }
        catch (JsonException) when (body.BytesRead == 0)
        {
            _jsonRead = true;
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) // InvalidOperation: a key that is not valid UTF-16
        {
            throw new HttpException(400, $"The request body is not valid JSON: {e.Message}");
        }
        using (parsed)
        {
            Validation.JsonText.RequireValidStrings(parsed.RootElement);
            _jsonElement = parsed.RootElement.Clone();
        }
        _jsonRead = true;
        return _jsonElement;
    }

    /// <summary>Reads an url-encoded or multipart form (Flask's <c>request.form</c>), as the body arrives.</summary>
    /// <exception cref="HttpException">413 past <see cref="MaxFormMemorySize"/> or <see cref="MaxFormParts"/>; 400 when malformed.</exception>
    public async Task<MultiDictionary> ReadFormAsync(CancellationToken cancellationToken = default) =>
        (await ReadFormPartsAsync(cancellationToken)).Fields;

    /// <summary>Files uploaded in a multipart form (Flask's <c>request.files</c>). Files over 64 KB are spooled to
    /// temporary files, deleted when the request ends.</summary>
    public async Task<IReadOnlyList<UploadedFile>> ReadFilesAsync(CancellationToken cancellationToken = default) =>
        (await ReadFormPartsAsync(cancellationToken)).Files;

    private async Task<(MultiDictionary Fields, IReadOnlyList<UploadedFile> Files)> ReadFormPartsAsync(CancellationToken cancellationToken)
    {
        if (_form is { } parsed) return parsed;
        if (MediaType == "multipart/form-data")
        {
            var boundary = ContentTypeParameter("boundary") ?? "";
            await using var body = OpenBody(requireUtf8: false, cancellationToken);
            _form = await MultipartForm.ReadAsync(this, body, boundary, cancellationToken);
        }
        else if (MediaType == "application/x-www-form-urlencoded" && HasBody)
        {
            await using var body = OpenBody(requireUtf8: false, cancellationToken);
            var (fields, bytes) = await UrlEncodedForm.ReadAsync(this, body, cancellationToken);
            _body ??= bytes;
            _form = (fields, Array.Empty<UploadedFile>());
        }
        else _form = (MultiDictionary.Empty, Array.Empty<UploadedFile>());
        return _form.Value;
    }

    private List<UploadedFile>? _uploads;

    /// <summary>Deletes the file when the request ends.</summary>
    internal void OnEnd(UploadedFile file) => (_uploads ??= []).Add(file);

    /// <summary>Deletes the request's temporary upload files (called once the response is built).</summary>
    internal void End()
    {
        if (_uploads is null) return;
        foreach (var file in _uploads) file.Delete();
        _uploads = null;
    }

    /// <summary>True when the body is a form (url-encoded or multipart).</summary>
    public bool HasFormBody => MediaType is "application/x-www-form-urlencoded" or "multipart/form-data";

    /// <summary>
    /// The form fields for synchronous code and templates (Flask's <c>request.form</c>): the pipeline parses a form
    /// posted to a route before its filters and handler run. Empty when the request has no form body.
    /// </summary>
    /// <exception cref="InvalidOperationException">The form was not read yet (outside the pipeline: await <see cref="ReadFormAsync"/>).</exception>
    public MultiDictionary Form => _form?.Fields ?? (HasFormBody ? throw FormNotRead() : MultiDictionary.Empty);

    /// <summary>Files of a multipart form for synchronous code and templates (Flask's <c>request.files</c>); see <see cref="Form"/>.</summary>
    public IReadOnlyList<UploadedFile> Files => _form?.Files ?? (HasFormBody ? throw FormNotRead() : Array.Empty<UploadedFile>());

    /// <summary>Query arguments under Flask's name, <c>request.args</c>: the same as <see cref="Query"/>.</summary>
    public MultiDictionary Args => Query;

    private static InvalidOperationException FormNotRead() =>
        new("The form has not been read yet: await request.ReadFormAsync() first (the pipeline does it before a route's handler).");

    /// <summary>True when the Accept header prefers JSON over HTML.</summary>
    public bool PrefersJson
    {
        get
        {
            var accept = Headers["Accept"];
            if (string.IsNullOrEmpty(accept)) return IsJson;
            var json = accept.IndexOf("application/json", StringComparison.OrdinalIgnoreCase);
            var html = accept.IndexOf("text/html", StringComparison.OrdinalIgnoreCase);
            return json >= 0 && (html < 0 || json < html);
        }
    }
}
