using System.Text;
using System.Text.RegularExpressions;

namespace MicroWeb.Routing;

/// <summary>How a segment of a rule is matched.</summary>
internal enum SegmentKind
{
    /// <summary>Only literal text: a dictionary lookup.</summary>
    Static,
    /// <summary>Literal text mixed with variables in one segment (<c>file.&lt;ext&gt;</c>): a regex on that segment.</summary>
    Pattern,
    /// <summary>A whole segment taken by one variable: the converter checks it directly, no regex.</summary>
    Variable,
    /// <summary>From a path variable to the end of the rule: matched against the rest of the URL.</summary>
    Tail,
}

/// <summary>One slash-separated segment of a parsed rule (or the tail after a path variable).</summary>
internal sealed class RuleSegment
{
    // A regex that cannot run in linear time (a custom converter's lookaround or backreference) gets this long.
    private static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromMilliseconds(100);

    private readonly int[] _groups;
    private readonly Regex? _backtracking;
    private readonly int _backtrackingLimit;

    private RuleSegment(SegmentKind kind, IReadOnlyList<RulePiece> pieces, string key, Regex? regex, bool suffixed)
    {
        Kind = kind;
        Pieces = pieces;
        Key = suffixed ? key + "|/" : key;
        Regex = regex;
        Suffixed = suffixed;
        Weight = SegmentWeight.Of(kind, pieces);
        var variables = Variables.Count();
        _groups = new int[regex is null ? 0 : variables];
        for (var i = 0; i < _groups.Length; i++) _groups[i] = regex!.GroupNumberFromName(GroupName(i));

        // The non-backtracking engine is linear but slow to capture (microseconds for a short segment). With only the
        // built-in converters (each a run of one character class, or fixed text), a backtracking match of n characters
        // and k variables tries at most about n^k splits: within a budget of 10^6 the compiled backtracking regex is
        // used, beyond it the linear one. Both give the same match.
        if (regex is not null && (regex.Options & RegexOptions.NonBacktracking) != 0 && Variables.All(v => v.Converter.GetType().Assembly == typeof(RuleSegment).Assembly))
        {
            _backtracking = new Regex(regex.ToString(), (regex.Options & ~RegexOptions.NonBacktracking) | RegexOptions.Compiled);
            _backtrackingLimit = (int)Math.Pow(1e6, 1.0 / variables);
        }
    }

    public SegmentKind Kind { get; }
    public IReadOnlyList<RulePiece> Pieces { get; }

    /// <summary>Identity in the trie: equal keys share one edge.</summary>
    public string Key { get; }

    /// <summary>Only for <see cref="SegmentKind.Pattern"/> and multi-piece tails. Linear-time (non-backtracking)
    /// unless a custom converter's pattern needs backtracking.</summary>
    public Regex? Regex { get; }

    /// <summary>A tail whose rule ends in '/' (<c>/&lt;path:p&gt;/</c>): the slash is optional here and a static
    /// empty segment follows, so that the slashless URL redirects as for any other rule ending in '/'.</summary>
    public bool Suffixed { get; }

    /// <summary>Werkzeug's order among the dynamic segments leaving one state.</summary>
    public SegmentWeight Weight { get; }

    public IEnumerable<VariablePiece> Variables => Pieces.OfType<VariablePiece>();

    /// <summary>Matches the segment's regex: the same answer from either engine, in time linear in the text or
    /// bounded by the budget above. The values are read with <see cref="Group"/>.</summary>
    public Match Match(string text) =>
        _backtracking is not null && text.Length <= _backtrackingLimit ? _backtracking.Match(text) : Regex!.Match(text);

    /// <summary>Matches with the non-backtracking engine only (to check both engines agree).</summary>
    internal Match MatchLinear(string text) => Regex!.Match(text);

    /// <summary>The text of the i-th variable in a successful <see cref="Match(string)"/>.</summary>
    /// <remarks>Both engines number the groups alike: the same pattern, the same options but the engine.</remarks>
    public string Group(Match match, int i) => match.Groups[_groups[i]].Value;

    public static RuleSegment Create(IReadOnlyList<RulePiece> pieces, bool tail, bool suffixed = false)
    {
        if (pieces.All(p => p is LiteralPiece))
            return new RuleSegment(SegmentKind.Static, pieces, string.Concat(pieces.Cast<LiteralPiece>().Select(p => p.Text)), null, false);
        if (pieces is [VariablePiece single])
            return new RuleSegment(tail ? SegmentKind.Tail : SegmentKind.Variable, pieces, single.Spec, null, suffixed);

        // Each variable is a named group; ExplicitCapture keeps a converter's own groups ("(\d+)x") from capturing.
        var pattern = new StringBuilder("^");
        var n = 0;
        foreach (var piece in pieces)
            pattern.Append(piece is LiteralPiece l ? Regex.Escape(l.Text) : $"(?<{GroupName(n++)}>{((VariablePiece)piece).Converter.Pattern})");
        pattern.Append('$');
        var text = pattern.ToString();
        return new RuleSegment(tail ? SegmentKind.Tail : SegmentKind.Pattern, pieces, text, Compile(text), suffixed);
    }

    private static string GroupName(int i) => "mwv" + i;

    private static Regex Compile(string pattern)
    {
        const RegexOptions options = RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.ExplicitCapture;
        try
        {
            // Several variables in one segment ("<a>-<b>-<c>.json") make a backtracking regex take time exponential in
            // the path; the non-backtracking engine is linear in it, whatever the path.
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options | RegexOptions.Compiled, BacktrackingTimeout);
        }
    }
}

/// <summary>
/// Werkzeug's <c>Weighting</c> of a rule part: more literal pieces first, then longer ones, then more variables, then
/// lower converter weights. Ties keep the order the edges were added in.
/// </summary>
internal sealed class SegmentWeight : IComparable<SegmentWeight>
{
    private readonly int[] _staticLengths;
    private readonly int[] _argumentWeights;

    private SegmentWeight(int[] staticLengths, int[] argumentWeights)
    {
        _staticLengths = staticLengths;
        _argumentWeights = argumentWeights;
    }

    public static SegmentWeight Of(SegmentKind kind, IReadOnlyList<RulePiece> pieces)
    {
        // In a tail the literal text is split at slashes, as Werkzeug's parser sees it ("/edit" is the piece "edit").
        // (Plain loops: LINQ that yields ints is compiled at startup, being in no ReadyToRun image.)
        var statics = new List<int>();
        var arguments = new List<int>();
        foreach (var piece in pieces)
        {
            if (piece is VariablePiece v) arguments.Add(v.Converter.Weight);
            else if (kind != SegmentKind.Tail) statics.Add(((LiteralPiece)piece).Text.Length);
            else foreach (var part in ((LiteralPiece)piece).Text.Split('/', StringSplitOptions.RemoveEmptyEntries)) statics.Add(part.Length);
        }
        return new SegmentWeight(statics.ToArray(), arguments.ToArray());
    }

    public int CompareTo(SegmentWeight? other)
    {
        if (other is null) return 1;
        var c = other._staticLengths.Length.CompareTo(_staticLengths.Length);
        if (c != 0) return c;
        for (var i = 0; i < _staticLengths.Length; i++)
            if ((c = other._staticLengths[i].CompareTo(_staticLengths[i])) != 0) return c;
        if ((c = other._argumentWeights.Length.CompareTo(_argumentWeights.Length)) != 0) return c;
        for (var i = 0; i < _argumentWeights.Length; i++)
            if ((c = _argumentWeights[i].CompareTo(other._argumentWeights[i])) != 0) return c;
        return 0;
    }
}
