using System.Runtime.CompilerServices;
using MicroWeb.Http;

namespace MicroWeb.Routing;

/// <summary>
/// The compiled route table: a trie over path segments, matched depth-first with static segments before
/// dynamic ones and dynamic ones in Werkzeug's weighting order, as Werkzeug's state machine matcher. The cost of a
/// match depends on the path, not on the number of rules.
/// </summary>
public sealed class RouteTable
{
    // Werkzeug's first part is the domain: _top's static "" child holds the rules without a subdomain (or host) rule,
    // its other edges the rules with one. Without such rules a match starts at _root directly.
    private readonly RouteNode _top = new();
    private readonly RouteNode _root;
    private readonly List<Route> _routes = [];
    private readonly Dictionary<string, List<Route>> _byEndpoint = new(Names.Comparer);
    private int _maxVariables;
    private bool _anyDefaults;
    private UrlBuilder? _builder;

    /// <summary>Creates an empty table.</summary>
    public RouteTable() => _root = _top.GetOrAdd(RuleSegment.Create([], tail: false));

    /// <summary>Every route, in registration order.</summary>
    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>Werkzeug's <c>Map.merge_slashes</c> (on by default, as in Flask): a path with repeated slashes
    /// (<c>/a//b</c>) that matches a rule once they are merged is redirected (308) to the merged path. A rule's own
    /// <see cref="Route.MergeSlashes"/> overrides it.</summary>
    public bool MergeSlashes { get; set; } = true;

    /// <summary>Werkzeug's <c>Map.redirect_defaults</c> (on by default): a URL whose values equal another rule's
    /// defaults for the same endpoint (<c>/users/page/1</c> beside <c>/users/</c> with <c>page=1</c>) redirects (308) there.</summary>
    public bool RedirectDefaults { get; set; } = true;

    /// <summary>Werkzeug's <c>Map.host_matching</c>: rules' domain rules (<see cref="Route.Domain"/>) are matched
    /// against the whole Host rather than the subdomain of the app's <c>ServerName</c>. Set it before adding routes.</summary>
    public bool HostMatching { get; set; }

    /// <summary>Adds a route. Throws when it duplicates a route already present (Werkzeug's DuplicateRuleError).</summary>
    public void Add(Route route)
    {
        var node = route.Parsed.Domain is { } domain ? _top.GetOrAdd(domain) : _root;
        foreach (var segment in route.Parsed.Segments) node = node.GetOrAdd(segment);
        foreach (var other in node.Routes)
        {
            // As Werkzeug 3.2: the same method set, or an overlap beyond the automatic HEAD and OPTIONS.
            var clash = other.Methods.SetEquals(route.Methods)
                ? route.DeclaredMethods.ToArray()
                : other.Methods.Intersect(route.Methods).Where(m => m is not ("HEAD" or "OPTIONS")).ToArray();
            if (clash.Length > 0)
                throw new InvalidOperationException(
                    $"Rules '{other.Rule}' (endpoint '{other.Endpoint}') and '{route.Rule}' (endpoint '{route.Endpoint}') " +
                    $"match the same URLs for {string.Join(", ", clash.Order(StringComparer.Ordinal))}; one of them could never be reached.");
        }
        node.Routes.Add(route);
        route.Node = node;
        route.Index = _routes.Count;
        _routes.Add(route);
        if (!_byEndpoint.TryGetValue(route.Endpoint, out var list)) _byEndpoint[route.Endpoint] = list = [];
        // Werkzeug's build order: more arguments first, then more defaults; ties in registration order.
        var at = list.FindIndex(r => BuildKey(r).CompareTo(BuildKey(route)) > 0);
        list.Insert(at < 0 ? list.Count : at, route);
        _maxVariables = Math.Max(_maxVariables, route.Parsed.Variables.Count);
        _anyDefaults |= route.Defaults.Count > 0;
        HasDomainRules |= route.Parsed.Domain is not null;
    }

    private static (int, int) BuildKey(Route r) => (-r.ValueNames.Count, -r.Defaults.Count);

    /// <summary>True when some rule has a subdomain (or host) rule: only then does the request's domain matter.</summary>
    internal bool HasDomainRules { get; private set; }

    /// <summary>The routes of an endpoint in the order <c>UrlFor</c> considers them.</summary>
    internal IReadOnlyList<Route> RoutesFor(string endpoint) =>
        _byEndpoint.TryGetValue(endpoint, out var list) ? list : [];

    /// <summary>True when some route has this endpoint name.</summary>
    public bool HasEndpoint(string endpoint) => _byEndpoint.ContainsKey(endpoint);

    /// <summary>Routes in the order the matcher tries them, for <c>routes</c> listings.</summary>
    public IEnumerable<Route> InMatchOrder() => Walk(_top);

    private static IEnumerable<Route> Walk(RouteNode node)
    {
        foreach (var route in node.Routes) yield return route;
        foreach (var (_, child) in node.StaticChildren)
            foreach (var r in Walk(child)) yield return r;
        foreach (var edge in node.Dynamic)
            foreach (var r in Walk(edge.Target)) yield return r;
    }

    /// <summary>Matches a decoded path (starting with '/') for a method.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RouteMatch Match(string method, string path) => Match(method, path, "");

    /// <summary>Matches a decoded path for a method and a domain: the request's subdomain relative to the app's
    /// <c>ServerName</c> ("" for none), or its whole host with <see cref="HostMatching"/>.</summary>
    public RouteMatch Match(string method, string path, string domain)
    {
        if (path.Length == 0 || path[0] != '/') return new RouteMatch(MatchOutcome.NotFound);
        var state = new MatchState(method, _maxVariables);
        if (WalkFrom(domain, path, ref state))
            return state.Redirect is null && !_anyDefaults ? new RouteMatch(MatchOutcome.Found, state.Found, state.BoundValues) : Matched(ref state);

        // As Werkzeug: only when nothing matched is the path tried again with its slashes merged.
        if (MergeSlashes && path.Contains("//", StringComparison.Ordinal))
        {
            var merged = RuleParser.MergeSlashes(path);
            var again = new MatchState(method, _maxVariables) { Allowed = state.Allowed };
            if (WalkFrom(domain, merged, ref again))
            {
                if (again.Redirect is not null)
                    return new RouteMatch(MatchOutcome.Redirect, again.Redirect, location: UrlEncoding.EncodePath(merged + "/"));
                if (again.Found!.MergeSlashes ?? MergeSlashes)
                    return new RouteMatch(MatchOutcome.Redirect, again.Found, location: UrlEncoding.EncodePath(merged));
            }
            state.Allowed = again.Allowed;
        }
        if (state.Allowed is not null)
            return new RouteMatch(MatchOutcome.MethodNotAllowed, allowed: state.Allowed.Order(StringComparer.Ordinal).ToArray());
        return new RouteMatch(MatchOutcome.NotFound);
    }

    private RouteMatch Matched(ref MatchState state)
    {
        if (state.Redirect is not null) return new RouteMatch(MatchOutcome.RedirectToSlash, state.Redirect);
        var route = state.Found!;
        if (_anyDefaults && RedirectDefaults && DefaultsRedirect(route, state.Method, state.BoundValues!) is { } location)
            return new RouteMatch(MatchOutcome.Redirect, route, state.BoundValues, location: location);
        return new RouteMatch(MatchOutcome.Found, route, state.BoundValues);
    }

    // Werkzeug's get_default_redirect: a rule of the same endpoint, earlier in build order, with the same arguments and
    // defaults equal to the matched values, is the canonical URL for them.
    private string? DefaultsRedirect(Route route, string method, object?[] values)
    {
        foreach (var other in RoutesFor(route.Endpoint))
        {
            if (ReferenceEquals(other, route)) break;
            if (other.Defaults.Count == 0 || !other.SameArguments(route) || !other.Methods.Contains(method)) continue;
            if (other.Parsed.Domain is not null || route.Parsed.Domain is not null) continue; // a path only: same host
            var byName = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < route.ValueNames.Count && i < values.Length; i++) byName[route.ValueNames[i]] = values[i];
            if (!other.Defaults.All(d => byName.TryGetValue(d.Key, out var v) && UrlBuilder.SameValue(v, d.Value))) continue;
            return (_builder ??= new UrlBuilder(this)).BuildPath(other, byName);
        }
        return null;
    }

    /// <summary>Every method of the rules of the same URL shape as <paramref name="route"/> (its own included), sorted:
    /// what an automatic OPTIONS answers in <c>Allow</c>.</summary>
    internal IReadOnlyList<string> MethodsOfShape(Route route) =>
        route.Node!.Routes.SelectMany(r => r.Methods).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every method some rule accepts for this path (for OPTIONS).</summary>
    public IReadOnlyCollection<string> AllowedMethods(string path) => AllowedMethods(path, "");

    /// <summary>Every method some rule accepts for this path and domain (for OPTIONS).</summary>
    public IReadOnlyCollection<string> AllowedMethods(string path, string domain)
    {
        var state = new MatchState("\0collect", _maxVariables);
        WalkFrom(domain, path, ref state);
        return state.Allowed?.Order(StringComparer.Ordinal).ToArray() ?? [];
    }

    private struct MatchState(string method, int maxVariables)
    {
        public readonly string Method = method;
        // Values captured so far live in the state itself (no scratch array per match); rules with more variables
        // than fit spill into an array. Only the final, exactly sized values array is allocated.
        private CaptureBuffer _inline;
        private object?[]? _spill;
        public int Count;
        public Route? Found;
        public Route? Redirect;
        public object?[]? BoundValues;
        public HashSet<string>? Allowed;

        public void Push(object? value)
        {
            if (maxVariables <= CaptureBuffer.Size) _inline[Count++] = value;
            else (_spill ??= new object?[maxVariables])[Count++] = value;
        }

        public readonly object?[] CapturedValues()
        {
            if (Count == 0) return [];
            var values = new object?[Count];
            ReadOnlySpan<object?> source = maxVariables <= CaptureBuffer.Size ? _inline : _spill;
            source[..Count].CopyTo(values);
            return values;
        }
    }

    [System.Runtime.CompilerServices.InlineArray(Size)]
    private struct CaptureBuffer
    {
        public const int Size = 8;
        private object? _first;
    }

    // The domain part first (static before dynamic, as every part), then the path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool WalkFrom(string domain, string path, ref MatchState state) =>
        domain.Length == 0 && !HasDomainRules ? Walk(_root, path, 1, ref state) : WalkDomain(domain, path, ref state);

    private bool WalkDomain(string domain, string path, ref MatchState state)
    {
        if (_top.TryGetStatic(domain, out var node) && Walk(node, path, 1, ref state)) return true;
        foreach (var edge in _top.Dynamic)
        {
            var mark = state.Count;
            if (edge.Segment.Kind == SegmentKind.Variable)
            {
                if (!((VariablePiece)edge.Segment.Pieces[0]).Converter.TryConvert(domain, out var value)) continue;
                state.Push(value);
            }
            else if (!Capture(edge.Segment, domain, ref state)) continue;
            if (Walk(edge.Target, path, 1, ref state)) return true;
            state.Count = mark;
        }
        return false;
    }

    // pos is the index where the current segment starts; pos == path.Length means one empty segment is left (the
    // path ends in '/'); pos > path.Length means every segment was consumed.
    private static bool Walk(RouteNode node, string path, int pos, ref MatchState state)
    {
        if (pos > path.Length) return Arrive(node, ref state);

        var end = path.IndexOf('/', pos);
        if (end < 0) end = path.Length;
        if (node.TryGetStatic(path.AsSpan(pos, end - pos), out var child) && Walk(child, path, end + 1, ref state))
            return true;

        foreach (var edge in node.Dynamic)
        {
            var mark = state.Count;
            var segment = edge.Segment;
            switch (segment.Kind)
            {
                case SegmentKind.Variable:
                {
                    if (!((VariablePiece)segment.Pieces[0]).Converter.TryConvert(path.Substring(pos, end - pos), out var value)) continue;
                    state.Push(value);
                    if (Walk(edge.Target, path, end + 1, ref state)) return true;
                    break;
                }
                case SegmentKind.Pattern:
                    if (!Capture(segment, path.Substring(pos, end - pos), ref state)) continue;
                    if (Walk(edge.Target, path, end + 1, ref state)) return true;
                    break;
                case SegmentKind.Tail:
                    if (Tail(edge, path, pos, ref state)) return true;
                    break;
            }
            state.Count = mark;
        }

        // As Werkzeug: when only a trailing slash is left, a rule without one that is not strict about slashes matches.
        return pos == path.Length && FindRoute(node, ref state, nonStrictOnly: true);
    }

    // A path variable and what follows it take the rest of the path.
    private static bool Tail(DynamicEdge edge, string path, int pos, ref MatchState state)
    {
        var segment = edge.Segment;
        var rest = path[pos..];
        var next = path.Length + 1;
        if (segment.Suffixed && rest.EndsWith('/'))
        {
            // "<path:p>/": the slash is the rule's; what remains is the empty segment its static "" takes.
            rest = rest[..^1];
            next = path.Length;
            if (rest.EndsWith('/')) return false;
        }
        if (segment.Regex is null)
        {
            if (!((VariablePiece)segment.Pieces[0]).Converter.TryConvert(rest, out var value)) return false;
            state.Push(value);
        }
        else if (!Capture(segment, rest, ref state)) return false;
        return Walk(edge.Target, path, next, ref state);
    }

    private static bool Capture(RuleSegment segment, string text, ref MatchState state)
    {
        System.Text.RegularExpressions.Match m;
        try
        {
            m = segment.Match(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false; // a custom converter's backtracking pattern gave up: not a match
        }
        if (!m.Success) return false;
        var mark = state.Count;
        var i = 0;
        foreach (var variable in segment.Variables)
        {
            if (!variable.Converter.TryConvert(segment.Group(m, i++), out var value))
            {
                state.Count = mark;
                return false;
            }
            state.Push(value);
        }
        return true;
    }

    private static bool Arrive(RouteNode node, ref MatchState state)
    {
        if (FindRoute(node, ref state, nonStrictOnly: false)) return true;
        // The path lacks the trailing slash of a rule: a strict rule redirects to it, a lenient one matches (Werkzeug).
        if (node.TryGetStatic("", out var slashNode))
            foreach (var route in slashNode.Routes)
            {
                if (!route.Methods.Contains(state.Method)) continue;
                if (route.StrictSlashes)
                {
                    state.Redirect = route;
                    return true;
                }
                if (Bind(route, ref state)) return true;
            }
        return false;
    }

    // A state's rules in order, as Werkzeug, except that rules declaring the method come before rules that answer it
    // automatically (HEAD for GET, OPTIONS), so that an explicit HEAD or OPTIONS handler is never shadowed.
    private static bool FindRoute(RouteNode node, ref MatchState state, bool nonStrictOnly)
    {
        foreach (var route in node.Routes)
            if (!(nonStrictOnly && route.StrictSlashes) && route.DeclaredMethods.Contains(state.Method) && Bind(route, ref state))
                return true;
        foreach (var route in node.Routes)
        {
            if (nonStrictOnly && route.StrictSlashes) continue;
            if (!route.Methods.Contains(state.Method))
                (state.Allowed ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(route.Methods);
            else if (!route.DeclaredMethods.Contains(state.Method) && Bind(route, ref state))
                return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Bind(Route route, ref MatchState state)
    {
        var values = route.WithDefaults(state.CapturedValues());
        if (route.ValueTypes is { } types && !ConvertAll(values, types)) return false; // a value the handler cannot take: not this rule, keep looking
        state.Found = route;
        state.BoundValues = values;
        return true;
    }

    private static bool ConvertAll(object?[] values, Type[] types)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!ValueConversion.TryConvert(values[i], types[i], out var converted)) return false;
            values[i] = converted;
        }
        return true;
    }
}
