using System.Text;
using System.Text.RegularExpressions;

namespace MicroWeb.Routing;

/// <summary>How a segment of a rule is matched; the order also says which kind is tried first.</summary>
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
    private RuleSegment(SegmentKind kind, IReadOnlyList<RulePiece> pieces, string key, Regex? regex)
    {
        Kind = kind;
        Pieces = pieces;
        Key = key;
        Regex = regex;
    }

    public SegmentKind Kind { get; }
    public IReadOnlyList<RulePiece> Pieces { get; }

    /// <summary>Identity in the trie: equal keys share one edge.</summary>
    public string Key { get; }

    /// <summary>Only for <see cref="SegmentKind.Pattern"/> and multi-piece tails.</summary>
    public Regex? Regex { get; }

    public IEnumerable<VariablePiece> Variables => Pieces.OfType<VariablePiece>();

    /// <summary>Werkzeug's ordering among dynamic segments: more literal text first, then lower converter weights.</summary>
    public (int Kind, int NegLiteralChars, int Weight, string Key) SortKey =>
        ((int)Kind, -Pieces.OfType<LiteralPiece>().Sum(p => p.Text.Length), Variables.Sum(v => v.Converter.Weight), Key);

    public static RuleSegment Create(IReadOnlyList<RulePiece> pieces, bool tail)
    {
        if (pieces.All(p => p is LiteralPiece))
            return new RuleSegment(SegmentKind.Static, pieces, string.Concat(pieces.Cast<LiteralPiece>().Select(p => p.Text)), null);
        if (pieces is [VariablePiece single])
            return new RuleSegment(tail ? SegmentKind.Tail : SegmentKind.Variable, pieces, single.Spec, null);

        var pattern = new StringBuilder("^");
        foreach (var piece in pieces)
            pattern.Append(piece is LiteralPiece l ? Regex.Escape(l.Text) : $"({((VariablePiece)piece).Converter.Pattern})");
        pattern.Append('$');
        var text = pattern.ToString();
        var regex = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.Singleline);
        return new RuleSegment(tail ? SegmentKind.Tail : SegmentKind.Pattern, pieces, text, regex);
    }
}
