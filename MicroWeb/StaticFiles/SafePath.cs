namespace MicroWeb.StaticFiles;

/// <summary>
/// Maps a URL path under a root folder to a file, refusing anything that could leave the root: <c>..</c> and
/// <c>.</c> segments, backslashes, colons, control characters (NUL), absolute paths, hidden (dot) names, and
/// symbolic links whose target lies outside the root. A refusal is just "not found".
/// </summary>
public static class SafePath
{
    /// <summary>The full path of <paramref name="relative"/> inside <paramref name="root"/>, or null when refused.</summary>
    public static string? Resolve(string root, string relative)
    {
        if (relative.Length == 0 || relative[0] == '/') return null;
        var segments = relative.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 && i == segments.Length - 1) continue; // "docs/" is the folder itself
            if (segment.Length == 0 || segment[0] == '.' || segment.Any(c => c is '\\' or ':' || char.IsControl(c))) return null;
        }
        var rootFull = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        if (!IsInside(rootFull, full)) return null;

        // Follow symbolic links component by component: each real location must stay inside the real root.
        // The root's own real path is computed once per root (it is configuration, not request data).
        if (!RealRoots.TryGetValue(rootFull, out var realRoot) && (realRoot = RealPath(rootFull)) is not null)
            RealRoots[rootFull] = realRoot; // a root that does not exist yet is not remembered
        var real = RealPath(full);
        return real is not null && realRoot is not null && IsInside(realRoot, real) ? full : null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RealRoots = new(StringComparer.Ordinal);

    private static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // The path with every symbolic link replaced by its final target; null if a link is broken or loops.
    private static string? RealPath(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(path) ?? "/";
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null) continue;
            try
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists) return null;
                current = target.FullName;
            }
            catch (IOException)
            {
                return null;
            }
        }
        return current;
    }
}
