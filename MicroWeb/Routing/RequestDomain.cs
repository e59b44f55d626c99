namespace MicroWeb.Routing;

/// <summary>
/// The domain part Werkzeug matches before the path: with host matching, the request's host; otherwise its subdomain
/// relative to the server name (<c>acme</c> for <c>acme.example.test</c> under <c>example.test</c>), "" for the server
/// name itself, for another host, or when no server name is set (Werkzeug 3.1 uses the default subdomain then).
/// </summary>
internal static class RequestDomain
{
    public static string Of(string host, string scheme, string? serverName, bool hostMatching)
    {
        var name = WithoutDefaultPort(host.ToLowerInvariant(), scheme);
        if (hostMatching) return name;
        if (string.IsNullOrEmpty(serverName)) return "";
        var server = WithoutDefaultPort(serverName.ToLowerInvariant(), scheme);
        return name.Length > server.Length + 1 && name.EndsWith(server, StringComparison.Ordinal) && name[^(server.Length + 1)] == '.'
            ? name[..^(server.Length + 1)]
            : "";
    }

    private static string WithoutDefaultPort(string host, string scheme) =>
        (scheme, host) switch
        {
            ("http", _) when host.EndsWith(":80", StringComparison.Ordinal) => host[..^3],
            ("https", _) when host.EndsWith(":443", StringComparison.Ordinal) => host[..^4],
            _ => host,
        };
}
