namespace MicroWeb;

/// <summary>Attributes of a cookie set by a response.</summary>
public sealed class CookieOptions
{
    /// <summary>Path the cookie applies to; "/" by default.</summary>
    public string? Path { get; set; } = "/";

    /// <summary>Domain the cookie applies to; the request host when null.</summary>
    public string? Domain { get; set; }

    /// <summary>Lifetime from now; a session cookie when both this and <see cref="Expires"/> are null.</summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Absolute expiry.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>Send only over HTTPS.</summary>
    public bool Secure { get; set; }

    /// <summary>Hide from JavaScript.</summary>
    public bool HttpOnly { get; set; }

    /// <summary>"Strict", "Lax" or "None"; omitted when null.</summary>
    public string? SameSite { get; set; }
}
