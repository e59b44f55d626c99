using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroWeb.Http;

namespace MicroWeb.Sessions;

/// <summary>
/// Reads and writes the session cookie: <c>base64url(json) "." base64url(HMAC-SHA256(key, payload))</c>.
/// Verification is constant-time; anything that does not verify is an empty session.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "session";
    private const int MaxCookieLength = 4000; // browsers drop cookies over ~4 KB

    public static Session Load(Request request, string? secretKey)
    {
        var key = KeyBytes(secretKey);
        if (!request.Cookies.TryGetValue(Name, out var cookie)) return new Session([]);
        var dot = cookie.IndexOf('.');
        if (dot <= 0) return new Session([]);
        var payload = cookie[..dot];
        try
        {
            var signature = Base64Url.Decode(cookie[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(key, payload))) return new Session([]);
            return new Session(JsonNode.Parse(Base64Url.Decode(payload)) as JsonObject ?? []);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return new Session([]);
        }
    }

    public static void Save(Session session, Response response, string? secretKey, bool hadCookie)
    {
        if (session.Count == 0)
        {
            if (hadCookie) response.DeleteCookie(Name);
            return;
        }
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(session.ToJson()));
        var value = payload + "." + Base64Url.Encode(Sign(KeyBytes(secretKey), payload));
        if (value.Length > MaxCookieLength)
            throw new InvalidOperationException($"The session is {value.Length} bytes once signed; browsers keep cookies up to about 4 KB. Store less in it.");
        response.SetCookie(Name, value, new CookieOptions { HttpOnly = true, SameSite = "Lax", Path = "/" });
    }

    private static byte[] KeyBytes(string? secretKey) => string.IsNullOrEmpty(secretKey)
        ? throw new InvalidOperationException("The session needs a secret key: set app.Config.SecretKey (or MICROWEB_SECRET_KEY, --secret-key).")
        : Encoding.UTF8.GetBytes(secretKey);

    private static byte[] Sign(byte[] key, string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

        public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }
}
