using MicroWeb.Routing.Converters;

namespace MicroWeb.Routing;

/// <summary>One variable of a rule's path, e.g. <c>&lt;int(min=1):id&gt;</c>: its name and the converter that matches
/// and converts it (whose settings, such as an <c>int</c> converter's minimum, say which values it takes).</summary>
/// <param name="Name">The variable's name as written in the rule.</param>
/// <param name="Converter">The converter the rule names (<c>string</c> when it names none).</param>
public sealed record RuleVariable(string Name, RouteConverter Converter);
