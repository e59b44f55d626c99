namespace MicroWeb.Routing;

/// <summary>
/// A route's path as tools that describe routes read it (MicroWeb.OpenApi, a route listing): the variables with their
/// converters, and the path as a template.
/// </summary>
public static class RouteDescriptions
{
    /// <summary>The variables of the rule's path, in order; a subdomain or host variable is not part of the path.</summary>
    public static IReadOnlyList<RuleVariable> PathVariables(this Route route) =>
        [.. route.Parsed.Segments.SelectMany(s => s.Variables).Select(v => new RuleVariable(v.Name, v.Converter))];

    /// <summary>The rule's path with each variable as <c>{name}</c>, the form of OpenAPI and URI templates:
    /// <c>/blog/&lt;int:id&gt;</c> is <c>/blog/{id}</c>.</summary>
    public static string PathTemplate(this Route route) =>
        "/" + string.Join("/", route.Parsed.Segments.Select(s => string.Concat(s.Pieces.Select(p => p switch
        {
            VariablePiece v => "{" + v.Name + "}",
            LiteralPiece l => l.Text,
            _ => "",
        }))));
}
