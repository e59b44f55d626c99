using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroWeb.Http;

namespace MicroWeb.Sessions;

/// <summary>
/// Reads and writes the session cookie, in the manner of itsdangerous' TimestampSigner:
/// <c>base64url(json) "." base64url(seconds) "." base64url(HMAC-SHA256(key, json "." seconds))</c>, where seconds is the
/// Unix time the cookie was written. Verification is constant-time and tries the current key, then the fallbacks;
/// a cookie that does not verify, or is older than the lifetime, is an empty session.
/// </summary>
internal static class SessionCookie
{
    private const int MaxCookieLength = 4000; // browsers drop cookies over ~4 KB

    // A timestamp written by a server whose clock runs ahead of this one is accepted within this margin.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static Session Load(Request request, AppConfig config, DateTimeOffset now)
    {
        var keys = SessionKeys.For(config);
        if (!request.Cookies.TryGetValue(config.Session.CookieName, out var cookie)) return new Session([]);
        var parts = cookie.Split('.');
        if (parts.Length != 3) return new Session([]);
        try
        {
            var signature = Base64Url.Decode(parts[2]);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!keys.Any(key => CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, signed))))
                return new Session([]);
            var written = DateTimeOffset.FromUnixTimeSeconds(ReadSeconds(Base64Url.Decode(parts[1])));
            var age = now - written;
            if (age > config.PermanentSessionLifetime || age < -ClockSkew) return new Session([]);
            return new Session(JsonNode.Parse(Base64Url.Decode(parts[0])) as JsonObject ?? []);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentOutOfRangeException)
        {
            return new Session([]);
        }
    }

    /// <summary>Sends the cookie when the session changed (or is permanent and refreshed on each request), and
    /// deletes it when the session was emptied.</summary>
    public static void Save(Session session, Response response, AppConfig config, bool hadCookie, DateTimeOffset now)
    {
        var options = config.Session;
        // The response depends on the cookie: shared caches must not serve it to another client.
        if (response.Headers["Vary"] is not { } vary) response.Headers["Vary"] = "Cookie";
        else if (!vary.Contains("Cookie", StringComparison.OrdinalIgnoreCase)) response.Headers["Vary"] = vary + ", Cookie";

        if (session.Count == 0 && !session.Permanent)
        {
            if (hadCookie && session.IsModified) response.DeleteCookie(options.CookieName, options.Path, options.Domain);
            return;
        }
        if (!session.IsModified && !(session.Permanent && options.RefreshEachRequest)) return;

        var keys = SessionKeys.For(config);
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(session.ToJson())) + "." + Base64Url.Encode(WriteSeconds(now.ToUnixTimeSeconds()));
        var value = payload + "." + Base64Url.Encode(HMACSHA256.HashData(keys[0], Encoding.ASCII.GetBytes(payload)));
        if (value.Length > MaxCookieLength)
            throw new InvalidOperationException($"The session is {value.Length} bytes once signed; browsers keep cookies up to about 4 KB. Store less in it.");
        response.SetCookie(options.CookieName, value, new CookieOptions
        {
            Domain = options.Domain,
            Path = options.Path,
            HttpOnly = options.HttpOnly,
            Secure = options.Secure,
            SameSite = options.SameSite == SameSiteMode.Unspecified ? null : options.SameSite.ToString(),
            Expires = session.Permanent ? now + config.PermanentSessionLifetime : null,
        });
    }

    // Big-endian without leading zero bytes, as itsdangerous writes its timestamps.
    private static byte[] WriteSeconds(long seconds)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, seconds);
        var first = bytes.IndexOfAnyExcept((byte)0);
        return bytes[(first < 0 ? 7 : first)..].ToArray();
    }

    private static long ReadSeconds(byte[] bytes)
    {
        if (bytes.Length is 0 or > 8) throw new FormatException("bad timestamp");
        long seconds = 0;
        foreach (var b in bytes) seconds = (seconds << 8) | b;
        return seconds;
    }

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

        public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }
}
