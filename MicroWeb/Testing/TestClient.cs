using System.Diagnostics.CodeAnalysis;
using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Text.Json;
using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// Flask's <c>app.test_client()</c>: sends requests through the whole pipeline (routing, binding, handlers, hooks,
/// error handlers, templates, static files) without a socket, and frames the response exactly as the HttpListener
/// server does. Cookies set by responses are kept and sent back, like a browser.
/// </summary>
public sealed class TestClient
{
    private readonly MicroWebApp _app;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    internal TestClient(MicroWebApp app) => _app = app;

    /// <summary>Follow 3xx redirects (GET afterwards, as browsers do for 301/302/303); off by default.</summary>
    public bool FollowRedirects { get; set; }

    /// <summary>Cookies currently held, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Sends a GET.</summary>
    public Task<TestResponse> GetAsync(string target, IDictionary<string, string>? headers = null) => SendAsync("GET", target, null, null, headers);

    /// <summary>Sends a POST with an optional body; without one it sends <c>Content-Length: 0</c>, as browsers do.</summary>
    public Task<TestResponse> PostAsync(string target, string? body = null, string contentType = "application/x-www-form-urlencoded", IDictionary<string, string>? headers = null) =>
        SendAsync("POST", target, Encoding.UTF8.GetBytes(body ?? ""), contentType, headers);

    /// <summary>Sends a PUT with an optional body; without one it sends <c>Content-Length: 0</c>.</summary>
    public Task<TestResponse> PutAsync(string target, string? body = null, string contentType = "application/x-www-form-urlencoded", IDictionary<string, string>? headers = null) =>
        SendAsync("PUT", target, Encoding.UTF8.GetBytes(body ?? ""), contentType, headers);

    /// <summary>
    /// Posts a form, as a browser submits one (Flask's <c>client.post(url, data={...})</c>): a dictionary or an object
    /// whose properties are the fields, url-encoded: <c>PostFormAsync("/auth/login", new { username = "a", password = "a" })</c>.
    /// </summary>
    public Task<TestResponse> PostFormAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string target, T form,
        IDictionary<string, string>? headers = null) => PostForm(target, Routing.PropertyValues.From(form), headers);

    /// <summary>Posts a form given as <see cref="object"/> (its runtime type's properties, or a dictionary); see
    /// <see cref="PostFormAsync{T}(string, T, IDictionary{string, string}?)"/>.</summary>
    [RequiresUnreferencedCode(Routing.PropertyValues.Warning)]
    public Task<TestResponse> PostFormAsync(string target, object form, IDictionary<string, string>? headers = null) =>
        PostForm(target, Routing.PropertyValues.FromObject(form), headers);

    private Task<TestResponse> PostForm(string target, IReadOnlyDictionary<string, object?> form, IDictionary<string, string>? headers)
    {
        var fields = form.Select(f =>
            Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return PostAsync(target, string.Join("&", fields), "application/x-www-form-urlencoded", headers);
    }

    /// <summary>
    /// The context of the last request sent (Flask's <c>with client:</c> block): its <c>G</c> and its <c>Session</c>
    /// as the handler left them. Null before the first request.
    /// </summary>
    public RequestContext? LastContext { get; private set; }

    /// <summary>
    /// Reads or changes the session the client holds, without a request to the app (Flask's
    /// <c>session_transaction</c>): <c>client.SessionTransaction(s =&gt; s.Set("user_id", 1))</c>. The changed
    /// session is signed with the app's key and kept in the cookie jar for the next request.
    /// </summary>
    public void SessionTransaction(Action<Session> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var context = new RequestContext(_app, BuildRequest("GET", "/", null, null, null, default));
        change(context.Session);
        var response = Response.Empty(200);
        _app.SaveSession(context, response);
        RememberCookies(response);
    }

    /// <summary>Sends a DELETE.</summary>
    public Task<TestResponse> DeleteAsync(string target, IDictionary<string, string>? headers = null) => SendAsync("DELETE", target, null, null, headers);

    /// <summary>Sends a POST with a JSON body serialized with the app's options.</summary>
    public Task<TestResponse> PostJsonAsync<T>(string target, T value) =>
        SendAsync("POST", target, JsonSerializer.SerializeToUtf8Bytes(value, JsonMetadata.Info(_app.JsonOptions, typeof(T))), "application/json");

    /// <summary>Sends a PUT with a JSON body.</summary>
    public Task<TestResponse> PutJsonAsync<T>(string target, T value) =>
        SendAsync("PUT", target, JsonSerializer.SerializeToUtf8Bytes(value, JsonMetadata.Info(_app.JsonOptions, typeof(T))), "application/json");

    /// <summary>Sends any request. With no <paramref name="body"/> the request announces none, so a POST or PUT gets
    /// 411 as it does from HttpListener; pass an empty array for an empty body.</summary>
    /// <exception cref="Exception">In testing mode (<c>Config.Testing</c>), the exception a handler did not handle.</exception>
    public async Task<TestResponse> SendAsync(string method, string target, byte[]? body = null, string? contentType = null,
        IDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var response = await SendOnceAsync(method, target, body, contentType, headers, cancellationToken);
        for (var hops = 0; FollowRedirects && response.StatusCode is >= 300 and < 400 && response.Location is { } location && hops < 10; hops++)
        {
            var keepMethod = response.StatusCode is 307 or 308;
            response = await SendOnceAsync(keepMethod ? method : "GET", location, keepMethod ? body : null, keepMethod ? contentType : null, headers, cancellationToken);
        }
        return response;
    }

    private async Task<TestResponse> SendOnceAsync(string method, string target, byte[]? body, string? contentType,
        IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var request = BuildRequest(method, target, body, contentType, headers, cancellationToken);
        var context = new RequestContext(_app, request);
        LastContext = context;
        var response = await _app.HandleCoreAsync(request, context, propagate: _app.Config.PropagateExceptions ?? _app.Config.Testing);

        var (length, writeBody) = BodyFraming.For(response, request.Method);
        var bytes = Array.Empty<byte>();
        if (response.Body is { } responseBody)
        {
            try
            {
                if (writeBody)
                {
                    using var buffer = new MemoryStream();
                    if (length is null)
                    {
                        // Framed as the server frames it: held back and sent with a Content-Length unless it grows large or flushes.
                        await using var held = new ResponseBuffer(buffer, framed => length = framed);
                        await responseBody.WriteToAsync(held, cancellationToken);
                        await held.CompleteAsync(int.MaxValue, cancellationToken);
                    }
                    else await responseBody.WriteToAsync(buffer, cancellationToken);
                    bytes = buffer.ToArray();
                }
            }
            finally
            {
                await responseBody.DisposeAsync();
            }
        }
        RememberCookies(response);
        return new TestResponse(response, bytes, length, _app.JsonOptions);
    }

    // A request as a browser would send it: a body announces its length, and the jar's cookies go along.
    private Request BuildRequest(string method, string target, byte[]? body, string? contentType, IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) target = new Uri(target).PathAndQuery;
        var collection = new NameValueCollection { ["Host"] = "localhost" };
        if (body is not null) collection["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (contentType is not null && body is not null) collection["Content-Type"] = contentType;
        if (_cookies.Count > 0) collection["Cookie"] = string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        if (headers is not null) foreach (var (name, value) in headers) collection[name] = value;
        return new Request(method, target, new RequestHeaders(collection), body is null ? null : new MemoryStream(body, writable: false),
            new IPEndPoint(IPAddress.Loopback, 50000), "http", cancellationToken);
    }

    private void RememberCookies(Response response)
    {
        foreach (var cookie in response.Headers.Where(h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)))
            Remember(cookie.Value);
    }

    // Keeps or forgets a cookie as a browser would (Max-Age=0 or a past Expires deletes it). Values stay encoded.
    private void Remember(string setCookie)
    {
        var parts = setCookie.Split(';');
        var eq = parts[0].IndexOf('=');
        if (eq <= 0) return;
        var name = parts[0][..eq].Trim();
        var value = parts[0][(eq + 1)..].Trim();
        var expired = parts.Skip(1).Select(p => p.Trim()).Any(p =>
            p.Equals("Max-Age=0", StringComparison.OrdinalIgnoreCase) ||
            (p.StartsWith("Expires=", StringComparison.OrdinalIgnoreCase) && DateTimeOffset.TryParse(p[8..], out var when) && when < DateTimeOffset.UtcNow));
        if (expired) _cookies.Remove(name);
        else _cookies[name] = value;
    }
}
