using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroWeb.Http;

namespace MicroWeb;

/// <summary>A response received by the <see cref="TestClient"/>: status, headers and the body as it would go on the wire.</summary>
public sealed class TestResponse
{
    internal TestResponse(Response response, byte[] body, long? contentLength, JsonSerializerOptions json)
    {
        StatusCode = response.StatusCode;
        ContentType = response.ContentType;
        Headers = response.Headers;
        Bytes = body;
        ContentLength = contentLength;
        _json = json;
    }

    private readonly JsonSerializerOptions _json;

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The Content-Type, or null.</summary>
    public string? ContentType { get; }

    /// <summary>The Content-Length a socket client would see; null for a chunked body.</summary>
    public long? ContentLength { get; }

    /// <summary>Headers other than Content-Type and Content-Length.</summary>
    public ResponseHeaders Headers { get; }

    /// <summary>The body bytes (empty for HEAD, 204 and 304).</summary>
    public byte[] Bytes { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>The Location header of a redirect.</summary>
    public string? Location => Headers["Location"];

    /// <summary>The body parsed as JSON.</summary>
    public JsonNode? Json => JsonNode.Parse(Bytes);

    /// <summary>Deserializes the JSON body with the app's options.</summary>
    public Task<T?> ReadJsonAsync<T>() => Task.FromResult((T?)JsonSerializer.Deserialize(Bytes, JsonMetadata.Info(_json, typeof(T))));
}
