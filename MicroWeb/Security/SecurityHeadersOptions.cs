namespace MicroWeb.Security;

/// <summary>
/// The headers <see cref="MicroWebApp.UseSecurityHeaders"/> adds to every response that does not set them itself.
/// Set a property to null to leave that header out.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary><c>X-Content-Type-Options</c>: browsers must not guess a type other than the one sent.</summary>
    public string? ContentTypeOptions { get; set; } = "nosniff";

    /// <summary><c>Referrer-Policy</c>: other sites see the origin, never the path and query.</summary>
    public string? ReferrerPolicy { get; set; } = "strict-origin-when-cross-origin";

    /// <summary><c>X-Frame-Options</c> for older browsers; the CSP's <c>frame-ancestors</c> does the same for current ones.</summary>
    public string? FrameOptions { get; set; } = "DENY";

    /// <summary>
    /// <c>Content-Security-Policy</c>: by default only this site's scripts, styles, images and fonts, no plugins,
    /// no framing, forms posting back here. Inline <c>&lt;script&gt;</c> and <c>style=</c> are blocked: move them to
    /// files under static/, or loosen this policy for your pages.
    /// </summary>
    public string? ContentSecurityPolicy { get; set; } =
        "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// <c>Strict-Transport-Security</c>, sent only on requests that arrived over HTTPS (<see cref="Request.Scheme"/>,
    /// which a TLS proxy in front sets): browsers then refuse plain HTTP to this host for a year.
    /// </summary>
    public string? StrictTransportSecurity { get; set; } = "max-age=31536000; includeSubDomains";
}
