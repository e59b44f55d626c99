using System.Net;
using MicroWeb.Http;

namespace MicroWeb.Proxies;

/// <summary>
/// Werkzeug's ProxyFix: behind <c>n</c> trusted reverse proxies, the client's address, the scheme, the host and the
/// path prefix come from the headers those proxies wrote. Each proxy appends to (or overwrites) the headers, so only
/// the last <c>n</c> values can be trusted, and the value taken is the n-th from the end: the one the outermost
/// trusted proxy wrote. A header with fewer than <c>n</c> values is ignored, and so is a value that does not parse.
/// <para>
/// <c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c>, <c>-Port</c> and <c>-Prefix</c> are read when any of them is
/// present; the standard <c>Forwarded</c> header (RFC 7239: <c>for</c>, <c>proto</c>, <c>host</c>) only when none is,
/// so a client cannot slip a <c>Forwarded</c> header past a proxy that writes the <c>X-Forwarded-*</c> family.
/// </para>
/// </summary>
internal static class ForwardedHeaders
{
    /// <summary>Applies what <paramref name="trustedProxies"/> proxies forwarded to <paramref name="request"/>.</summary>
    public static void Apply(Request request, int trustedProxies)
    {
        if (trustedProxies <= 0) return;
        var headers = request.Headers;
        string? forFrom, proto, host, port = null, prefix = null;
        var xFor = headers["X-Forwarded-For"];
        var xProto = headers["X-Forwarded-Proto"];
        var xHost = headers["X-Forwarded-Host"];
        var xPort = headers["X-Forwarded-Port"];
        var xPrefix = headers["X-Forwarded-Prefix"];
        if (xFor is not null || xProto is not null || xHost is not null || xPort is not null || xPrefix is not null)
        {
            forFrom = Pick(xFor, trustedProxies);
            proto = Pick(xProto, trustedProxies);
            host = Pick(xHost, trustedProxies);
            port = Pick(xPort, trustedProxies);
            prefix = Pick(xPrefix, trustedProxies);
        }
        else if (Pick(headers["Forwarded"], trustedProxies) is { } element)
        {
            forFrom = Parameter(element, "for");
            proto = Parameter(element, "proto");
            host = Parameter(element, "host");
        }
        else return;

        if (forFrom is not null && ParseAddress(forFrom) is { } address) request.RemoteEndPoint = new IPEndPoint(address, 0);
        if (proto is not null && IsScheme(proto)) request.Scheme = proto.ToLowerInvariant();
        if (host is not null) request.Host = host; // checked with every Host by HostCheck
        if (port is not null && ushort.TryParse(port, out var number) && number > 0)
            request.Host = HostCheck.WithoutPort(request.Host) + ":" + number;
        if (prefix is not null && IsPrefix(prefix)) request.PathBase = prefix.TrimEnd('/');
    }

    // The value the n-th proxy from the end wrote, or null when the header has fewer values (or is absent).
    private static string? Pick(string? header, int trusted)
    {
        if (header is null) return null;
        var values = header.Split(',');
        return values.Length >= trusted && values[^trusted].Trim() is { Length: > 0 } value ? value : null;
    }

    // A parameter of one Forwarded element: for=192.0.2.60;proto=https;host="shop.example"
    private static string? Parameter(string element, string name)
    {
        foreach (var pair in element.Split(';'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair.AsSpan(0, eq).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return pair[(eq + 1)..].Trim().Trim('"');
        }
        return null;
    }

    // 192.0.2.60, 192.0.2.60:4711, 2001:db8::1, [2001:db8::1]:4711; "unknown" and obfuscated names give null.
    private static IPAddress? ParseAddress(string value)
    {
        if (value.StartsWith('[') && value.IndexOf(']') is var close and > 0) value = value[1..close];
        else if (value.Count(c => c == ':') == 1) value = value[..value.IndexOf(':')];
        return IPAddress.TryParse(value, out var address) ? address : null;
    }

    private static bool IsScheme(string value) =>
        value.Length is > 0 and <= 16 && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    // A path that can be put in front of built URLs as it is: /shop, /a/b-c; nothing that ends the path or needs escaping.
    private static bool IsPrefix(string value) =>
        value.StartsWith('/') && value.Length <= 256 && !value.StartsWith("//", StringComparison.Ordinal) &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '.' or '_' or '~' or '%');
}
