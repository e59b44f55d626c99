namespace MicroWeb;

/// <summary>The SameSite attribute of a cookie: which cross-site requests the browser sends it with.</summary>
public enum SameSiteMode
{
    /// <summary>No attribute: the browser's default (Lax in current browsers).</summary>
    Unspecified,

    /// <summary>Sent with every request, cross-site ones included; browsers require <c>Secure</c> with it.</summary>
    None,

    /// <summary>Sent with same-site requests and top-level cross-site navigations (links), not with cross-site POSTs.</summary>
    Lax,

    /// <summary>Sent with same-site requests only.</summary>
    Strict,
}
