namespace MicroWeb.Http;

/// <summary>Adds a request header's name to a response's <c>Vary</c>, once, keeping what is there.</summary>
internal static class VaryHeader
{
    public static void Add(Response response, string header)
    {
        var current = response.Headers["Vary"];
        if (current is null) { response.Headers["Vary"] = header; return; }
        foreach (var part in current.Split(','))
            if (part.Trim() is var name && (name == "*" || name.Equals(header, StringComparison.OrdinalIgnoreCase))) return;
        response.Headers["Vary"] = current + ", " + header;
    }
}
