using MicroWeb.Routing.Converters;

namespace MicroWeb.Routing;

/// <summary>One piece of a rule: literal text or a variable.</summary>
internal abstract record RulePiece;

/// <summary>Literal text that must appear as written.</summary>
internal sealed record LiteralPiece(string Text) : RulePiece;

/// <summary>A <c>&lt;converter(args):name&gt;</c> variable. <paramref name="Spec"/> identifies equal converters so rules can share trie edges.</summary>
internal sealed record VariablePiece(string Name, string Spec, RouteConverter Converter) : RulePiece;
