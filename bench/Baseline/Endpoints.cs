using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Baseline;

/// <summary>A fruit, as MicroWeb.Sample's /datos/frutas lists it.</summary>
public sealed record Fruta(string Nombre, string Color);

/// <summary>
/// The benchmarked endpoints, routed by hand and answered with the least work HttpListener allows: bodies are
/// encoded into pooled buffers and written once with a Content-Length (headers and body leave in one send).
/// </summary>
internal sealed class Endpoints
{
    private const string Html = "text/html; charset=utf-8";
    private static readonly byte[] Index = "<p>Hola a todos!</p>"u8.ToArray();
    private static readonly byte[] NotFound = "<h1>Not Found</h1>"u8.ToArray();

    private readonly Fruta[] _frutas = [new("manzana", "verde"), new("banana", "amarilla")];
    private readonly JsonTypeInfo<Fruta[]> _frutasInfo;
    private readonly byte[]? _holaBefore, _holaAfter; // hola.html split around {{ nombre }}
    private readonly string _staticRoot;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_jsonBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_jsonWriter;

    public Endpoints(string root)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        json.MakeReadOnly(populateMissingResolver: true);
        _frutasInfo = (JsonTypeInfo<Fruta[]>)json.GetTypeInfo(typeof(Fruta[]));
        var template = Path.Combine(root, "templates", "hola.html");
        if (File.Exists(template))
        {
            var text = File.ReadAllText(template);
            var at = text.IndexOf("{{ nombre }}", StringComparison.Ordinal);
            if (at >= 0)
            {
                _holaBefore = Encoding.UTF8.GetBytes(text[..at]);
                _holaAfter = Encoding.UTF8.GetBytes(text[(at + "{{ nombre }}".Length)..]);
            }
        }
        _staticRoot = Path.GetFullPath(Path.Combine(root, "static")) + Path.DirectorySeparatorChar;
    }

    public Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var raw = request.RawUrl ?? "/";
        var q = raw.IndexOf('?');
        var path = q < 0 ? raw.AsSpan() : raw.AsSpan(0, q);

        if (path.SequenceEqual("/")) return Send(response, Html, Index, Index.Length, pooled: false);
        if (path.SequenceEqual("/datos/frutas")) return SendJson(response);
        if (path.StartsWith("/hola/") && path.Length > 6 && path[6..].IndexOf('/') < 0)
            return SendHello(response, Uri.UnescapeDataString(raw[6..(q < 0 ? raw.Length : q)]));
        if (path.SequenceEqual("/hola") && _holaBefore is not null)
            return SendHola(response, QueryValue(q < 0 ? "" : raw.AsSpan(q + 1), "nombre") ?? "Daniel");
        if (path.StartsWith("/static/")) return SendFileAsync(response, Uri.UnescapeDataString(raw[8..(q < 0 ? raw.Length : q)]));
        response.StatusCode = 404;
        return Send(response, Html, NotFound, NotFound.Length, pooled: false);
    }

    /// <summary>How bodies are written: "sync" (the default and the fastest), "async" (WriteAsync) or "chunked"
    /// (no Content-Length: Transfer-Encoding chunked, as a response of unknown length goes out). For bench/ceiling.sh.</summary>
    public static string WriteMode { get; set; } = "sync";

    private static Task Send(HttpListenerResponse response, string contentType, byte[] body, int length, bool pooled)
    {
        if (WriteMode != "sync") return SendSlowerAsync(response, contentType, body, length, pooled);
        try
        {
            response.ContentType = contentType;
            response.ContentLength64 = length;
            response.OutputStream.Write(body, 0, length);
            response.Close();
        }
        finally
        {
            if (pooled) ArrayPool<byte>.Shared.Return(body);
        }
        return Task.CompletedTask;
    }

    private static async Task SendSlowerAsync(HttpListenerResponse response, string contentType, byte[] body, int length, bool pooled)
    {
        try
        {
            response.ContentType = contentType;
            if (WriteMode == "chunked") response.SendChunked = true;
            else response.ContentLength64 = length;
            await response.OutputStream.WriteAsync(body.AsMemory(0, length));
            response.Close();
        }
        finally
        {
            if (pooled) ArrayPool<byte>.Shared.Return(body);
        }
    }

    private Task SendJson(HttpListenerResponse response)
    {
        var buffer = t_jsonBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_jsonWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _frutasInfo.Options.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, _frutas, _frutasInfo);
        writer.Flush();
        response.ContentType = "application/json";
        response.ContentLength64 = buffer.WrittenCount;
        response.OutputStream.Write(buffer.WrittenSpan);
        response.Close();
        return Task.CompletedTask;
    }

    private static Task SendHello(HttpListenerResponse response, string name)
    {
        var body = ArrayPool<byte>.Shared.Rent(8 + Encoding.UTF8.GetMaxByteCount(name.Length));
        "Hello "u8.CopyTo(body);
        var n = 6 + Encoding.UTF8.GetBytes(name, body.AsSpan(6));
        body[n++] = (byte)'!';
        return Send(response, Html, body, n, pooled: true);
    }

    private Task SendHola(HttpListenerResponse response, string name)
    {
        var encoded = WebUtility.HtmlEncode(name);
        var body = ArrayPool<byte>.Shared.Rent(_holaBefore!.Length + _holaAfter!.Length + Encoding.UTF8.GetMaxByteCount(encoded.Length));
        _holaBefore.CopyTo(body, 0);
        var n = _holaBefore.Length + Encoding.UTF8.GetBytes(encoded, body.AsSpan(_holaBefore.Length));
        _holaAfter.CopyTo(body, n);
        return Send(response, Html, body, n + _holaAfter.Length, pooled: true);
    }

    private async Task SendFileAsync(HttpListenerResponse response, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_staticRoot, relative));
        if (!full.StartsWith(_staticRoot, StringComparison.Ordinal) || !File.Exists(full))
        {
            response.StatusCode = 404;
            await Send(response, Html, NotFound, NotFound.Length, pooled: false);
            return;
        }
        using var file = File.OpenHandle(full);
        var length = RandomAccess.GetLength(file);
        response.ContentType = ContentTypeOf(full);
        response.ContentLength64 = length;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, 64 * 1024) + 1);
        try
        {
            var stream = response.OutputStream;
            for (long offset = 0; offset < length;)
            {
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - offset)), offset);
                if (read == 0) break;
                if (length <= buffer.Length) stream.Write(buffer, 0, read);
                else await stream.WriteAsync(buffer.AsMemory(0, read));
                offset += read;
            }
            response.Close();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".html" => Html,
        ".txt" => "text/plain; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private static string? QueryValue(ReadOnlySpan<char> query, string name)
    {
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            if (eq == name.Length && pair.StartsWith(name)) return WebUtility.UrlDecode(pair[(eq + 1)..].ToString());
        }
        return null;
    }
}
