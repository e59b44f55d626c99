using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Sessions;

/// <summary>
/// The keys that sign and verify session cookies. They are derived from the secret with HKDF-SHA256 and a purpose,
/// never the secret itself, so the same secret used for something else (another framework, a CSRF token) signs
/// nothing that a session accepts. The current key signs; it and the fallbacks verify (key rotation).
/// </summary>
internal static class SessionKeys
{
    /// <summary>Shortest secret accepted in production, in UTF-8 bytes.</summary>
    public const int MinimumSecretBytes = 32;

    private static readonly byte[] Purpose = "MicroWeb.Sessions.SessionCookie.v1"u8.ToArray();

    // One app in a process is the rule: the last derivation is kept and reused while the secrets are the same.
    private static Derived? _last;

    private sealed record Derived(string Secret, string[] Fallbacks, byte[][] Keys);

    /// <summary>The signing key first, then the fallback keys.</summary>
    /// <exception cref="InvalidOperationException">No secret key is set.</exception>
    public static byte[][] For(AppConfig config)
    {
        var secret = config.SecretKey;
        if (string.IsNullOrEmpty(secret))
            throw new InvalidOperationException("The session needs a secret key: set app.Config.SecretKey (or MICROWEB_SECRET_KEY, --secret-key). " + HowToMakeOne);
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Secret == secret && SameFallbacks(last.Fallbacks, config.SecretKeyFallbacks))
            return last.Keys;
        var fallbacks = config.SecretKeyFallbacks.Where(f => !string.IsNullOrEmpty(f)).ToArray();
        var keys = new[] { secret }.Concat(fallbacks).Select(Derive).ToArray();
        Volatile.Write(ref _last, new Derived(secret, config.SecretKeyFallbacks.ToArray(), keys));
        return keys;
    }

    private static bool SameFallbacks(string[] kept, IList<string> now)
    {
        if (kept.Length != now.Count) return false;
        for (var i = 0; i < kept.Length; i++)
            if (kept[i] != now[i]) return false;
        return true;
    }

    private static byte[] Derive(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Purpose);

    public const string HowToMakeOne = "Make one with `openssl rand -hex 32` and pass it in MICROWEB_SECRET_KEY, never in source code.";

    /// <summary>
    /// Refuses (production) or warns about (debug) a secret key or fallback shorter than
    /// <see cref="MinimumSecretBytes"/>: a short key is found offline from a single cookie, and then any session can be forged.
    /// </summary>
    /// <exception cref="InvalidOperationException">Production mode and a short key.</exception>
    public static void CheckStrength(AppConfig config, ILogger logger)
    {
        var weak = new[] { config.SecretKey }.Concat(config.SecretKeyFallbacks)
            .Where(k => !string.IsNullOrEmpty(k) && Encoding.UTF8.GetByteCount(k) < MinimumSecretBytes).ToArray();
        if (weak.Length == 0) return;
        var which = weak[0] == config.SecretKey ? "SecretKey" : "A key in SecretKeyFallbacks";
        var message = $"{which} is {Encoding.UTF8.GetByteCount(weak[0]!)} bytes; it needs at least {MinimumSecretBytes} random bytes, "
            + "or anyone can guess it offline from one session cookie and forge sessions. " + HowToMakeOne;
        if (!config.Debug) throw new InvalidOperationException(message);
        logger.LogWarning("{Message} (allowed in debug mode only; production refuses to start)", message);
    }
}
