using System.Text;

namespace MicroWeb.Http;

/// <summary>Ready-made responses used by the framework and by <see cref="Web"/>.</summary>
internal static class Responses
{
    /// <summary>A redirect with a small HTML body, as Werkzeug's <c>redirect</c>.</summary>
    public static Response Redirect(string location, int code = 302)
    {
        if (code is < 300 or > 399) throw new ArgumentOutOfRangeException(nameof(code), "A redirect status is 3xx.");
        var safe = EncodeLocation(location);
        var escaped = System.Net.WebUtility.HtmlEncode(safe);
        var response = new Response(
            $"<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{escaped}\">{escaped}</a>. If not, click the link.\n",
            code);
        response.Headers["Location"] = safe;
        return response;
    }

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
