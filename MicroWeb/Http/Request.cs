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

    /// <summary>The media type of the body without parameters, lower case.</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim().ToLowerInvariant();

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

    /// <summary>Fires when the client disconnects or the server stops.</summary>
    public CancellationToken Aborted { get; internal set; }

    /// <summary>The matched endpoint name, or null before routing or when nothing matched.</summary>
    public string? Endpoint => MatchedRoute?.Endpoint;

    /// <summary>The matched route, or null.</summary>
    public Route? MatchedRoute { get; internal set; }

    /// <summary>The matched rule's variables by name, converted.</summary>
    public IReadOnlyDictionary<string, object?> RouteValues
    {
        get => _routeValues ?? new Dictionary<string, object?>();
        internal set => _routeValues = value;
    }

    /// <summary>Largest body the Read* methods accept; larger ones raise 413.</summary>
    public long MaxContentLength { get; internal set; } = 16 * 1024 * 1024;

    /// <summary>How long reading the body may take (a slow client gets 408).</summary>
    public TimeSpan BodyReadTimeout { get; internal set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads the whole body, bounded by <see cref="MaxContentLength"/> (413, counted as bytes arrive, so a
    /// chunked body is refused as soon as it crosses the limit) and by <see cref="BodyReadTimeout"/> (408).</summary>
    public async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken = default)
    {
        if (_body is not null) return _body;
        if (ContentLength > MaxContentLength) throw TooLarge();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Aborted);
        timeout.CancelAfter(BodyReadTimeout);
        using var buffer = new MemoryStream(ContentLength is { } n ? (int)Math.Min(n, 1 << 20) : 0);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            // HttpListener's request stream ignores cancellation, so the wait is cancelled instead; the abandoned
            // read dies with the connection, which the 408 closes.
            while ((read = await Body.ReadAsync(chunk, timeout.Token).AsTask().WaitAsync(timeout.Token)) > 0)
            {
                if (buffer.Length + read > MaxContentLength) throw TooLarge();
                buffer.Write(chunk, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !Aborted.IsCancellationRequested)
        {
            throw Closing(408, $"The request body did not arrive within {BodyReadTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is IOException or System.Net.HttpListenerException or InvalidOperationException)
        {
            throw Closing(400, "The request body could not be read (malformed chunked encoding or the client went away).");
        }
        return _body = buffer.ToArray();
    }

    private HttpException TooLarge() => Closing(413, $"The request body exceeds the limit of {MaxContentLength} bytes.");

    // The rest of the body is still on the connection: answer and close it rather than read it.
    private static HttpException Closing(int status, string message)
    {
        var error = new HttpException(status, message);
        error.Headers["Connection"] = "close";
        return error;
    }

    /// <summary>Deserializes a JSON body. Malformed JSON, invalid UTF-8 or too deep nesting raise a 400 that says why.</summary>
    public async Task<T?> ReadJsonAsync<T>(JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadJsonBytesAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, options ?? Response.DefaultJson);
        }
        catch (JsonException e)
        {
            throw new HttpException(400, $"The request body is not valid JSON for {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>Deserializes a JSON body into a type known at run time (used for body parameters).</summary>
    public async Task<object?> ReadJsonAsync(Type type, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadJsonBytesAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, type, options ?? Response.DefaultJson);
        }
        catch (JsonException e)
        {
            throw new HttpException(400, $"The request body is not valid JSON: {e.Message}");
        }
    }

    // System.Text.Json quietly turns invalid UTF-8 into U+FFFD; a client that sends it gets a 400 instead.
    private async Task<byte[]> ReadJsonBytesAsync(CancellationToken cancellationToken)
    {
        var bytes = await ReadBodyAsync(cancellationToken);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            throw new HttpException(400, "The request body is not valid JSON: it is not valid UTF-8.");
        return bytes;
    }

    /// <summary>Reads a JSON body as a DOM (Flask's <c>request.json</c>). Null when the body is empty.</summary>
    public async Task<JsonNode?> ReadJsonNodeAsync(CancellationToken cancellationToken = default)
    {
        var bytes = await ReadJsonBytesAsync(cancellationToken);
        if (bytes.Length == 0) return null;
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new HttpException(400, $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Reads an url-encoded or multipart form (Flask's <c>request.form</c>).</summary>
    public async Task<MultiDictionary> ReadFormAsync(CancellationToken cancellationToken = default) =>
        (await ReadFormPartsAsync(cancellationToken)).Fields;

    /// <summary>Files uploaded in a multipart form (Flask's <c>request.files</c>).</summary>
    public async Task<IReadOnlyList<UploadedFile>> ReadFilesAsync(CancellationToken cancellationToken = default) =>
        (await ReadFormPartsAsync(cancellationToken)).Files;

    private async Task<(MultiDictionary Fields, IReadOnlyList<UploadedFile> Files)> ReadFormPartsAsync(CancellationToken cancellationToken)
    {
        if (_form is { } parsed) return parsed;
        var bytes = await ReadBodyAsync(cancellationToken);
        if (MediaType == "multipart/form-data")
        {
            var boundary = ContentType!.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase));
            var value = boundary?["boundary=".Length..].Trim('"') ?? string.Empty;
            _form = MultipartParser.Parse(bytes, value, MaxFormParts);
        }
        else if (MediaType is "application/x-www-form-urlencoded" || bytes.Length == 0)
        {
            string text;
            try { text = UrlEncoding.StrictUtf8.GetString(bytes); }
            catch (System.Text.DecoderFallbackException) { throw new HttpException(400, "The form body is not valid UTF-8."); }
            var fields = MultiDictionary.TryParseUrlEncoded(text) ?? throw new HttpException(400, "The form body has a malformed percent-escape.");
            _form = (fields, Array.Empty<UploadedFile>());
        }
        else _form = (MultiDictionary.Empty, Array.Empty<UploadedFile>());
        return _form.Value;
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

    /// <summary>Most parts a multipart form may have.</summary>
    public int MaxFormParts { get; internal set; } = 1000;

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
