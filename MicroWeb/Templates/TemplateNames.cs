namespace MicroWeb.Templates;

/// <summary>
/// Template names are relative paths with '/' inside the templates folder (<c>hola.html</c>, <c>partials/nav.html</c>).
/// This is the only place that turns a name into a file path, and no name may leave the folder.
/// </summary>
internal static class TemplateNames
{
    /// <summary>The full path of <paramref name="name"/> under <paramref name="folder"/> (a full path).</summary>
    /// <exception cref="TemplateException">The name is empty, absolute, has '..', '\', empty segments or control characters.</exception>
    public static string Resolve(string folder, string name)
    {
        if (Problem(name) is { } problem)
            throw new TemplateException(name, $"invalid template name ({problem}); names are relative paths with '/' inside the templates folder");
        var root = Path.TrimEndingDirectorySeparator(folder);
        var full = Path.GetFullPath(Path.Combine(root, name));
        // Belt and braces: whatever the checks above missed, the resolved path must stay under the folder.
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new TemplateException(name, "invalid template name: it resolves outside the templates folder");
        return full;
    }

    private static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "empty";
        if (name.Any(char.IsControl)) return "control character";
        if (name.Contains('\\')) return "backslash";
        if (name.StartsWith('/') || Path.IsPathRooted(name)) return "absolute path";
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0) return "empty path segment";
            if (segment is "." or "..") return $"'{segment}' segment";
        }
        return null;
    }
}
