namespace MicroWeb.Routing;

/// <summary>
/// The compiled route table: a trie over path segments, matched depth-first with static segments before
/// converters and converters by weight, as Werkzeug's state machine matcher. The cost of a match depends on
/// the path, not on the number of rules.
/// </summary>
public sealed class RouteTable
{
    private readonly RouteNode _root = new();
    private readonly List<Route> _routes = [];
    private readonly Dictionary<string, List<Route>> _byEndpoint = new(StringComparer.OrdinalIgnoreCase);
    private int _maxVariables;

    /// <summary>Every route, in registration order.</summary>
    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>Adds a route. Throws when it can never be told apart from a route already present.</summary>
    public void Add(Route route)
    {
        var node = _root;
        foreach (var segment in route.Parsed.Segments) node = node.GetOrAdd(segment);
        foreach (var other in node.Routes)
        {
            var clash = other.DeclaredMethods.Intersect(route.DeclaredMethods).ToArray();
            if (clash.Length > 0)
                throw new InvalidOperationException(
                    $"Rules '{other.Rule}' (endpoint '{other.Endpoint}') and '{route.Rule}' (endpoint '{route.Endpoint}') " +
                    $"match the same URLs for {string.Join(", ", clash)}; one of them could never be reached.");
        }
        node.Routes.Add(route);
        _routes.Add(route);
        if (!_byEndpoint.TryGetValue(route.Endpoint, out var list)) _byEndpoint[route.Endpoint] = list = [];
        list.Add(route);
        _maxVariables = Math.Max(_maxVariables, route.Parsed.Variables.Count);
    }

    internal IReadOnlyList<Route> RoutesFor(string endpoint) =>
        _byEndpoint.TryGetValue(endpoint, out var list) ? list : [];

    /// <summary>True when some route has this endpoint name.</summary>
    public bool HasEndpoint(string endpoint) => _byEndpoint.ContainsKey(endpoint);

    /// <summary>Routes in the order the matcher tries them, for <c>routes</c> listings.</summary>
    public IEnumerable<Route> InMatchOrder() => Walk(_root);

    private static IEnumerable<Route> Walk(RouteNode node)
    {
        foreach (var route in node.Routes) yield return route;
        foreach (var (_, child) in node.StaticChildren)
            foreach (var r in Walk(child)) yield return r;
        foreach (var edge in node.Dynamic)
            foreach (var r in Walk(edge.Target)) yield return r;
    }

    /// <summary>Matches a decoded path (starting with '/') for a method.</summary>
    public RouteMatch Match(string method, string path)
    {
        if (path.Length == 0 || path[0] != '/') return new RouteMatch(MatchOutcome.NotFound);
        var state = new MatchState(method, _maxVariables);
        if (Walk(_root, path, 1, ref state))
            return state.Redirect is not null
                ? new RouteMatch(MatchOutcome.RedirectToSlash, state.Redirect)
                : new RouteMatch(MatchOutcome.Found, state.Found, state.BoundValues);
        if (state.Allowed is not null)
            return new RouteMatch(MatchOutcome.MethodNotAllowed, allowed: state.Allowed.Order(StringComparer.Ordinal).ToArray());
        return new RouteMatch(MatchOutcome.NotFound);
    }

    /// <summary>Every method some rule accepts for this path (for OPTIONS).</summary>
    public IReadOnlyCollection<string> AllowedMethods(string path)
    {
        var state = new MatchState("\0collect", _maxVariables);
        Walk(_root, path, 1, ref state);
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

    // pos is the index where the current segment starts; pos > path.Length means every segment was consumed.
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
                {
                    var rest = path[pos..];
                    if (segment.Regex is null)
                    {
                        if (!((VariablePiece)segment.Pieces[0]).Converter.TryConvert(rest, out var value)) continue;
                        state.Push(value);
                    }
                    else if (!Capture(segment, rest, ref state)) continue;
                    if (Arrive(edge.Target, ref state)) return true;
                    break;
                }
            }
            state.Count = mark;
        }
        return false;
    }

    private static bool Capture(RuleSegment segment, string text, ref MatchState state)
    {
        var m = segment.Regex!.Match(text);
        if (!m.Success) return false;
        var mark = state.Count;
        var group = 1;
        foreach (var variable in segment.Variables)
        {
            if (!variable.Converter.TryConvert(m.Groups[group++].Value, out var value))
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
        foreach (var route in node.Routes)
        {
            if (!route.Methods.Contains(state.Method))
            {
                (state.Allowed ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(route.Methods);
                continue;
            }
            var captures = state.CapturedValues();
            var bound = route.ValueBinder is null ? captures : route.ValueBinder(captures);
            if (bound is null) continue; // a value the handler cannot take: not this rule, keep looking
            state.Found = route;
            state.BoundValues = bound;
            return true;
        }
        if (node.TryGetStatic("", out var slashNode))
            foreach (var route in slashNode.Routes)
                if (route.StrictSlashes && route.Methods.Contains(state.Method))
                {
                    state.Redirect = route;
                    return true;
                }
        return false;
    }
}
