namespace MicroWeb.Routing;

/// <summary>A route rule that cannot be parsed; names the rule and the character position of the fault.</summary>
public sealed class RuleSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuleSyntaxException(string rule, int position, string problem)
        : base($"Invalid route rule '{rule}' at position {position}: {problem}\n  {rule}\n  {new string(' ', Math.Max(0, position))}^")
    {
        Rule = rule;
        Position = position;
    }

    /// <summary>The rule as written.</summary>
    public string Rule { get; }

    /// <summary>Zero-based index of the offending character.</summary>
    public int Position { get; }
}
