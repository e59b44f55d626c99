namespace MicroWeb.Routing;

/// <summary>
/// A state of the compiled matcher, one per distinct rule prefix. Static children are a dictionary
/// (looked up by span, so matching allocates nothing); dynamic edges are sorted by Werkzeug's weighting, ties in
/// the order they were added.
/// </summary>
internal sealed class RouteNode
{
    private Dictionary<string, RouteNode>? _static;
    private Dictionary<string, RouteNode>.AlternateLookup<ReadOnlySpan<char>> _staticLookup;

    public List<DynamicEdge> Dynamic { get; } = [];
    public List<Route> Routes { get; } = [];
    public IEnumerable<KeyValuePair<string, RouteNode>> StaticChildren =>
        _static?.OrderBy(kv => kv.Key, StringComparer.Ordinal) ?? Enumerable.Empty<KeyValuePair<string, RouteNode>>();

    public RouteNode GetOrAdd(RuleSegment segment)
    {
        if (segment.Kind == SegmentKind.Static)
        {
            _static ??= new Dictionary<string, RouteNode>(StringComparer.Ordinal);
            _staticLookup = _static.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!_static.TryGetValue(segment.Key, out var child)) _static[segment.Key] = child = new RouteNode();
            return child;
        }
        foreach (var edge in Dynamic)
            if (edge.Segment.Key == segment.Key && edge.Segment.Kind == segment.Kind) return edge.Target;
        var target = new RouteNode();
        Dynamic.Add(new DynamicEdge(segment, target, Dynamic.Count));
        Dynamic.Sort((a, b) => a.Segment.Weight.CompareTo(b.Segment.Weight) is var c && c != 0 ? c : a.Order.CompareTo(b.Order));
        return target;
    }

    public bool TryGetStatic(ReadOnlySpan<char> segment, out RouteNode child)
    {
        child = null!;
        return _static is not null && _staticLookup.TryGetValue(segment, out child!);
    }
}

/// <summary>A transition that needs a converter (or a regex) to be taken.</summary>
internal sealed record DynamicEdge(RuleSegment Segment, RouteNode Target, int Order);
