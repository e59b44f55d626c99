using System.Text;
using System.Text.RegularExpressions;
using MicroWeb.Http;
using MicroWeb.Routing;

namespace MicroWeb.Tests.Routing;

/// <summary>
/// A barebones matcher to check the fast one against (as ASP.NET Core's routing tests keep one): each rule is one regex
/// over the whole path; the rules are sorted by Werkzeug's ordering key (per segment: static text first, then its
/// Weighting, ties in the order the edge first appeared) and tried in turn. Slow and obvious on purpose. It shares only
/// the rule parser with the router. Covers everything but defaults and value binders.
/// </summary>
internal sealed class ReferenceMatcher
{
    private readonly List<Candidate> _candidates = [];

    private enum Kind { Exact, Slash, Lenient }

    private sealed record Candidate(Kind Kind, Route Route, Regex Regex, List<IComparable[]> Key);

    public ReferenceMatcher(IEnumerable<Route> routes)
    {
        var firstEdge = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var route in routes)
        {
            var key = new List<IComparable[]>();
            var prefix = "";
            foreach (var segment in route.Parsed.Segments)
            {
                prefix += "/" + segment.Kind + ":" + segment.Key;
                if (!firstEdge.ContainsKey(prefix)) firstEdge[prefix] = index;
                key.Add(segment.Kind == SegmentKind.Static
                    ? [0, new Lexicographic(segment.Key)]
                    : [1, Weighting(segment), firstEdge[prefix]]);
            }
            var regex = new Regex(RegexOf(route), RegexOptions.CultureInvariant | RegexOptions.Singleline);
            _candidates.Add(new Candidate(Kind.Exact, route, regex, key));
            if (route.Parsed.Segments[^1] is { Kind: SegmentKind.Static, Key: "" })
                _candidates.Add(new Candidate(Kind.Slash, route, regex, key));
            // Werkzeug's lenient match happens where one empty part is left; a path part never leaves one.
            if (!route.StrictSlashes && route.Parsed.Segments.All(s => s.Kind != SegmentKind.Tail))
                _candidates.Add(new Candidate(Kind.Lenient, route, regex, [.. key, [2]]));
            index++;
        }
        // A stable sort: equal keys keep the order the rules were added in.
        // (An exact and a slash candidate of one key never match the same path: one needs the trailing slash, one not.)
        var sorted = _candidates.Select((c, i) => (c, i)).OrderBy(x => x.c.Key, KeyComparer.Instance).ThenBy(x => x.c.Kind)
            .ThenBy(x => x.i).Select(x => x.c).ToList();
        _candidates.Clear();
        _candidates.AddRange(sorted);
    }

    public bool MergeSlashes { get; init; } = true;

    /// <summary>The outcome, written as <see cref="RouterTestKit.Outcome"/> writes the router's.</summary>
    public string Match(string method, string path)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        var result = Try(method, path, allowed);
        if (result is null && MergeSlashes && path.Contains("//"))
        {
            var merged = RuleParser.MergeSlashes(path);
            var again = Try(method, merged, allowed);
            if (again is { Redirect: true }) return "redirect " + UrlEncoding.EncodePath(merged + "/");
            if (again is { } found && (found.Route!.MergeSlashes ?? MergeSlashes)) return "redirect " + UrlEncoding.EncodePath(merged);
            result = null;
        }
        if (result is { Redirect: true }) return "redirect " + path + "/";
        if (result is { } r)
            return r.Route!.Endpoint + (r.Values.Count == 0 ? "" : " " + string.Join(", ", r.Values));
        return allowed.Count > 0 ? "405 " + string.Join(",", allowed) : "404";
    }

    private sealed record Result(Route? Route, bool Redirect, List<string> Values);

    private Result? Try(string method, string path, SortedSet<string> allowed)
    {
        var i = 0;
        while (i < _candidates.Count)
        {
            // A group: candidates of one kind with equal keys, that is, the rules of one state of Werkzeug's matcher.
            var j = i + 1;
            while (j < _candidates.Count && _candidates[j].Kind == _candidates[i].Kind
                   && KeyComparer.Instance.Compare(_candidates[j].Key, _candidates[i].Key) == 0) j++;
            var group = _candidates.GetRange(i, j - i);
            i = j;

            if (group[0].Kind == Kind.Slash)
            {
                foreach (var c in group)
                    if (c.Route.Methods.Contains(method) && Values(c, path + "/") is { } v)
                        return c.Route.StrictSlashes ? new Result(c.Route, true, []) : new Result(c.Route, false, v);
                continue;
            }

            var text = group[0].Kind == Kind.Lenient ? (path.EndsWith('/') ? path[..^1] : null) : path;
            if (text is null) continue;
            var matching = group.Select(c => (c, v: Values(c, text))).Where(x => x.v is not null).ToList();
            // Rules declaring the method first, then those answering it automatically (HEAD, OPTIONS).
            foreach (var (c, v) in matching)
                if (c.Route.DeclaredMethods.Contains(method)) return new Result(c.Route, false, v!);
            foreach (var (c, v) in matching)
            {
                if (c.Route.Methods.Contains(method)) return new Result(c.Route, false, v!);
                allowed.UnionWith(c.Route.Methods);
            }
        }
        return null;
    }

    // The converted values ("name=value"), or null when the regex or a converter says no.
    private static List<string>? Values(Candidate c, string path)
    {
        var m = c.Regex.Match(path);
        if (!m.Success) return null;
        var values = new List<string>();
        var n = 0;
        foreach (var v in c.Route.Parsed.Variables)
        {
            if (!v.Converter.TryConvert(m.Groups["v" + n++].Value, out var value)) return null;
            values.Add($"{v.Name}={value}");
        }
        return values;
    }

    private static string RegexOf(Route route)
    {
        var pattern = new StringBuilder("^");
        var n = 0;
        var segments = route.Parsed.Segments;
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            pattern.Append('/');
            foreach (var piece in segment.Pieces)
                pattern.Append(piece is LiteralPiece l ? Regex.Escape(l.Text) : $"(?<v{n++}>{((VariablePiece)piece).Converter.Pattern})");
            if (segment.Suffixed) pattern.Append("(?<!/)"); // Werkzeug's suffixed part: "<path:p>/" never ends in "//"
        }
        return pattern.Append('$').ToString();
    }

    // Werkzeug's Weighting: (-number of statics, static weights, -number of arguments, argument weights).
    private static Lexicographic Weighting(RuleSegment segment)
    {
        var statics = segment.Pieces.OfType<LiteralPiece>()
            .SelectMany(p => segment.Kind == SegmentKind.Tail ? p.Text.Split('/', StringSplitOptions.RemoveEmptyEntries) : [p.Text])
            .Select((text, i) => (IComparable)new Lexicographic(i, -text.Length)).ToArray();
        var arguments = segment.Variables.Select(v => (IComparable)v.Converter.Weight).ToArray();
        return new Lexicographic(-statics.Length, new Lexicographic(statics), -arguments.Length, new Lexicographic(arguments));
    }

    /// <summary>Python's ordering of tuples and lists: item by item, a prefix first.</summary>
    private sealed class Lexicographic(params IComparable[] items) : IComparable
    {
        public int CompareTo(object? obj)
        {
            var other = (Lexicographic)obj!;
            for (var i = 0; i < Math.Min(items.Length, other.Items.Length); i++)
            {
                var c = items[i] is string a ? string.CompareOrdinal(a, (string)other.Items[i]) : items[i].CompareTo(other.Items[i]);
                if (c != 0) return c;
            }
            return items.Length.CompareTo(other.Items.Length);
        }

        private IComparable[] Items => items;
    }

    private sealed class KeyComparer : IComparer<List<IComparable[]>>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(List<IComparable[]>? x, List<IComparable[]>? y) =>
            new Lexicographic(x!.Select(e => (IComparable)new Lexicographic(e)).ToArray())
                .CompareTo(new Lexicographic(y!.Select(e => (IComparable)new Lexicographic(e)).ToArray()));
    }
}
