using System.Net;
using MicroWeb.Http;

namespace MicroWeb.Proxies;

/// <summary>
/// The Host a request names must be well formed (a name or an IP address, and an optional port: no <c>@</c>, no
/// spaces, no path) and, when the app says which hosts it serves (<c>TrustedHosts</c>, or <c>ServerName</c> and its
/// subdomains), one of them. Otherwise absolute URLs built from it (a password-reset link) could point anywhere. Both get 400.
/// </summary>
internal static class HostCheck
{
    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    /// <summary>Throws a 400 <see cref="HttpException"/> for a malformed or untrusted <see cref="Request.Host"/>.</summary>
    public static void Check(Request request, AppConfig config)
    {
        var host = request.Host;
        if (!IsWellFormed(host)) throw new HttpException(400, "The Host header is not a valid host name or address.");
        if (config.TrustedHosts.Count > 0 ? !IsTrusted(host, config.TrustedHosts) : config.ServerName is { } name && !IsTrusted(host, ["." + name]))
            throw new HttpException(400, "This server does not serve the host named in the request.");
    }

    /// <summary>A host name, IPv4 address or bracketed IPv6 address, with an optional port.</summary>
    public static bool IsWellFormed(string host)
    {
        if (host.Length is 0 or > 260) return false;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            if (close < 0 || !IPAddress.TryParse(host.AsSpan(1, close - 1), out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return false;
            return close == host.Length - 1 || (host[close + 1] == ':' && IsPort(host.AsSpan(close + 2)));
        }
        ReadOnlySpan<char> name = host;
        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            if (!IsPort(host.AsSpan(colon + 1))) return false;
            name = name[..colon];
        }
        return name.Length is > 0 and <= 253 && name[0] != '.' && name[0] != '-' && !name.ContainsAnyExcept(NameCharacters);
    }

    private static bool IsPort(ReadOnlySpan<char> text) =>
        text.Length is > 0 and <= 5 && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535;

    /// <summary>The host without its port (<c>[::1]:80</c> -> <c>[::1]</c>).</summary>
    public static string WithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon < 0 || host.IndexOf(']') > colon ? host : host[..colon];
    }

    private static bool IsTrusted(string host, IEnumerable<string> trusted)
    {
        var name = WithoutPort(host).TrimEnd('.');
        foreach (var entry in trusted)
        {
            var allowed = WithoutPort(entry.Trim()).TrimEnd('.');
            if (allowed.StartsWith('.'))
            {
                if (name.EndsWith(allowed, StringComparison.OrdinalIgnoreCase) || name.Equals(allowed[1..], StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (name.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
