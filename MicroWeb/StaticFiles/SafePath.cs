using System.Collections.Concurrent;

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
        var rest = relative.AsSpan();
        foreach (var range in rest.Split('/'))
        {
            var segment = rest[range];
            if (segment.Length == 0 && range.End.Value == rest.Length) continue; // "docs/" is the folder itself
            if (segment.Length == 0 || segment[0] == '.' || !Plain(segment)) return null;
        }
        // With every segment plain (no "..", ".", empty or separator), the path is the root plus the relative path.
        var roots = Roots.GetOrAdd(root, static r => new Root(Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))));
        var full = roots.Full + Path.DirectorySeparatorChar + relative;

        // Symbolic links: follow each component below the root; every real location must end inside the real root.
        // The root's own real path is configuration, worked out once; below it each component costs one readlink.
        var realRoot = roots.Real ??= RealPath(roots.Full); // a root that does not exist yet is looked at again
        if (realRoot is null) return null;
        var current = realRoot;
        foreach (var range in rest.Split('/'))
        {
            if (range.Start.Value == range.End.Value) continue;
            current = current + Path.DirectorySeparatorChar + rest[range].ToString();
            if (new FileInfo(current).LinkTarget is null) continue;
            // Rare: a link below the root. Its target may itself pass through links; resolve all of them.
            var real = FinalTarget(current) is { } target ? RealPath(target) : null;
            if (real is null) return null;
            current = real;
        }
        return IsInside(realRoot, current) ? full : null;
    }

    private sealed class Root(string full)
    {
        public string Full { get; } = full;
        public string? Real { get; set; }
    }

    private static readonly ConcurrentDictionary<string, Root> Roots = new(StringComparer.Ordinal);

    private static bool Plain(ReadOnlySpan<char> segment)
    {
        foreach (var c in segment)
            if (c is '\\' or ':' || char.IsControl(c)) return false;
        return true;
    }

    private static bool IsInside(string root, string path) =>
        path == root || (path.StartsWith(root, StringComparison.Ordinal) &&
                         (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar));

    // The path with every symbolic link replaced by its final target; null if a link is broken or loops.
    private static string? RealPath(string path)
    {
        var current = Path.GetPathRoot(path) ?? "/";
        foreach (var part in path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is null) continue;
            var target = FinalTarget(current);
            if (target is null) return null;
            current = target;
        }
        return current;
    }

    private static string? FinalTarget(string link)
    {
        try
        {
            var target = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true);
            return target is not null && (target.Exists || Directory.Exists(target.FullName)) ? Path.TrimEndingDirectorySeparator(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
