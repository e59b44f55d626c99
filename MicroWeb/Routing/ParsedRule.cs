namespace MicroWeb.Routing;

/// <summary>A rule string broken into segments, with its variables in order of appearance: those of its subdomain (or
/// host) rule first, as Werkzeug orders them, then those of its path.</summary>
internal sealed class ParsedRule
{
    public ParsedRule(string text, IReadOnlyList<RuleSegment> segments, string? domainText = null, RuleSegment? domain = null)
    {
        Text = text;
        Segments = segments;
        DomainText = domainText;
        Domain = domain;
        Variables = (domain?.Variables ?? []).Concat(segments.SelectMany(s => s.Variables)).ToArray();
    }

    public string Text { get; }
    public IReadOnlyList<RuleSegment> Segments { get; }

    /// <summary>The subdomain (or, with host matching, host) rule as written, e.g. <c>&lt;tenant&gt;</c>; null when none.</summary>
    public string? DomainText { get; }

    /// <summary>The parsed <see cref="DomainText"/>: matched against the request's subdomain or host before the path.</summary>
    public RuleSegment? Domain { get; }

    public IReadOnlyList<VariablePiece> Variables { get; }
    public bool HasVariables => Variables.Count > 0;
}
