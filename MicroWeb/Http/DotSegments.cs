namespace MicroWeb.Http;

/// <summary>
/// RFC 3986 section 5.2.4, remove_dot_segments: <c>/static/css/../style.css</c> is <c>/static/style.css</c>. Applied to
/// the decoded request path before routing, so "." and ".." never reach a rule (nor the static folder).
/// </summary>
public static class DotSegments
{
    /// <summary>The path without "." and ".." segments; the same string when it has none.</summary>
    public static string Remove(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal)) return path;
        var segments = path.Split('/');
        if (!segments.Any(s => s is "." or "..")) return path;

        var output = new List<string>(segments.Length);
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment is "." or "..")
            {
                if (segment == ".." && output.Count > 0) output.RemoveAt(output.Count - 1);
                if (last) output.Add(""); // "/a/b/.." is "/a/": the path still names a directory
                continue;
            }
            output.Add(segment);
        }
        return "/" + string.Join('/', output);
    }
}
