using System.Text;

namespace MicroWeb.Http;

/// <summary>Ready-made responses used by the framework and by <see cref="Web"/>.</summary>
internal static class Responses
{
    /// <summary>
    /// A redirect with a small HTML body, as Werkzeug's <c>redirect</c>. Any URL is allowed, other sites included:
    /// for a target that comes from the user (a <c>?next=</c> parameter) use <see cref="LocalRedirect"/>.
    /// <c>javascript:</c>, <c>vbscript:</c> and <c>data:</c> URLs are refused, however they are spelled.
    /// </summary>
    /// <exception cref="ArgumentException">The location is a script or data URL.</exception>
    public static Response Redirect(string location, int code = 302)
    {
        if (code is < 300 or > 399) throw new ArgumentOutOfRangeException(nameof(code), "A redirect status is 3xx.");
        ArgumentNullException.ThrowIfNull(location);
        if (LocalUrls.HasScriptScheme(location))
            throw new ArgumentException("Redirect refuses javascript:, vbscript: and data: URLs (they run in the page that follows the link).", nameof(location));
        var safe = EncodeLocation(location);
        var escaped = System.Net.WebUtility.HtmlEncode(safe);
        var response = new Response(
            $"<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{escaped}\">{escaped}</a>. If not, click the link.\n",
            code);
        response.Headers["Location"] = safe;
        return response;
    }

    /// <summary>
    /// A redirect to <paramref name="location"/> when it is a path on this site (<see cref="IsLocalUrl"/>), else to
    /// <paramref name="fallback"/>: the safe way to honour a <c>?next=</c> parameter after a login, which an attacker
    /// could otherwise point at <c>//evil.example</c> (ASP.NET Core's <c>LocalRedirect</c>, with a fallback instead
    /// of an exception).
    /// </summary>
    public static Response LocalRedirect(string? location, string fallback = "/", int code = 302)
    {
        if (!IsLocalUrl(fallback)) throw new ArgumentException("The fallback must be a local URL.", nameof(fallback));
        return Redirect(IsLocalUrl(location) ? location! : fallback, code);
    }

    /// <summary>
    /// True when <paramref name="url"/> is a path on this site: it starts with one <c>/</c> followed by anything but
    /// another <c>/</c> or a <c>\</c>, and has no backslash, control character or whitespace a browser could turn
    /// into <c>//</c> (<c>/\evil.example</c>, <c>/\t/evil.example</c>). <c>https://...</c>, <c>//host</c> and
    /// <c>javascript:...</c> are not local.
    /// </summary>
    public static bool IsLocalUrl(string? url) => LocalUrls.IsLocal(url);

    /// <summary>Percent-encodes everything in a URL that is not allowed in a Location header (controls, spaces, non-ASCII).</summary>
    internal static string EncodeLocation(string location)
    {
        var sb = new StringBuilder(location.Length);
        foreach (var b in Encoding.UTF8.GetBytes(location))
        {
            if (b <= 0x20 || b >= 0x7F || b is (byte)'"' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'^' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}')
                sb.Append('%').Append(b.ToString("X2"));
            else sb.Append((char)b);
        }
        return sb.ToString();
    }
}
