namespace MicroWeb.Routing;

/// <summary>A rule string broken into segments, with its variables in order of appearance.</summary>
internal sealed class ParsedRule
{
    public ParsedRule(string text, IReadOnlyList<RuleSegment> segments)
    {
        Text = text;
        Segments = segments;
        Variables = segments.SelectMany(s => s.Variables).ToArray();
    }

    public string Text { get; }
    public IReadOnlyList<RuleSegment> Segments { get; }
    public IReadOnlyList<VariablePiece> Variables { get; }
    public bool HasVariables => Variables.Count > 0;
}
