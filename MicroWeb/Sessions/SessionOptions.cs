using MicroWeb.Http;

namespace MicroWeb.Sessions;

/// <summary>
/// How the session cookie is sent (Flask's <c>SESSION_COOKIE_*</c>; the lifetime is
/// <see cref="AppConfig.PermanentSessionLifetime"/>). Set in code (<c>app.Config.Session.Secure = true</c>), in variables
/// (<c>MICROWEB_SESSION_COOKIE_SECURE=1</c>) or flags (<c>--session-cookie-secure</c>). Behind TLS, set
/// <see cref="Secure"/> so the cookie never travels in clear text.
/// </summary>
public sealed class SessionOptions
{
    /// <summary>Name of the cookie; "session" by default.</summary>
    public string CookieName { get; set; } = "session";

    /// <summary>Domain attribute; none by default (the cookie goes to the exact host only).</summary>
    public string? Domain { get; set; }

    /// <summary>Path attribute; "/" by default.</summary>
    public string Path { get; set; } = "/";

    /// <summary>Send the cookie over HTTPS only. Off by default (MicroWeb itself speaks plain HTTP); turn it on in
    /// production behind a TLS proxy.</summary>
    public bool Secure { get; set; }

    /// <summary>Hide the cookie from JavaScript; on by default.</summary>
    public bool HttpOnly { get; set; } = true;

    /// <summary>SameSite attribute; <see cref="SameSiteMode.Lax"/> by default, which keeps the cookie off cross-site POSTs.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>Send the cookie again on every request that reads a permanent session, so its lifetime restarts
    /// with each visit (Flask's <c>SESSION_REFRESH_EACH_REQUEST</c>); on by default.</summary>
    public bool RefreshEachRequest { get; set; } = true;
}
