using System.Collections;
using System.Globalization;
using System.Text;

namespace MicroWeb.Routing;

/// <summary>
/// Builds URLs from endpoints, as Flask's <c>url_for</c>: the first rule of the endpoint whose variables are all
/// given wins; values not in the rule go to the query string; everything is percent-encoded.
/// </summary>
public sealed class UrlBuilder
{
    private readonly RouteTable _table;

    /// <summary>Creates a builder over a route table.</summary>
    public UrlBuilder(RouteTable table) => _table = table;

    /// <summary>Builds the path and query for an endpoint.</summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, a missing value, or a value the converter rejects.</exception>
    public string Build(string endpoint, IReadOnlyDictionary<string, object?>? values = null)
    {
        values ??= new Dictionary<string, object?>();
        var routes = _table.RoutesFor(endpoint);
        if (routes.Count == 0) throw new UrlBuildException(endpoint, $"no endpoint named '{endpoint}'");

        // As Werkzeug: rules using more variables are tried first, so the given values pick the most specific rule.
        var route = routes.OrderByDescending(r => r.Parsed.Variables.Count)
            .FirstOrDefault(r => r.Parsed.Variables.All(v => Find(values, v.Name, out var x) && x is not null));
        if (route is null)
        {
            var missing = routes[0].Parsed.Variables.First(v => !Find(values, v.Name, out var x) || x is null).Name;
            throw new UrlBuildException(endpoint, $"missing value for '{missing}' (rule '{routes[0].Rule}')");
        }

        var url = new StringBuilder();
        foreach (var segment in route.Parsed.Segments)
        {
            url.Append('/');
            foreach (var piece in segment.Pieces)
            {
                if (piece is LiteralPiece literal)
                {
                    url.Append(segment.Kind == SegmentKind.Tail ? UrlEncoding.EncodePath(literal.Text) : UrlEncoding.EncodeSegment(literal.Text));
                    continue;
                }
                var variable = (VariablePiece)piece;
                Find(values, variable.Name, out var value);
                string text;
                try
                {
                    text = variable.Converter.ToUrl(value);
                }
                catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
                {
                    throw new UrlBuildException(endpoint, $"value '{value}' for '{variable.Name}' does not fit <{variable.Spec}>");
                }
                if (!variable.Converter.TryConvert(text, out _))
                    throw new UrlBuildException(endpoint, $"value '{value}' for '{variable.Name}' does not fit <{variable.Spec}>");
                url.Append(variable.Converter.MatchesSlashes ? UrlEncoding.EncodePath(text) : UrlEncoding.EncodeSegment(text));
            }
        }

        var first = true;
        foreach (var (name, value) in values)
        {
            if (value is null || route.Parsed.Variables.Any(v => Same(v.Name, name))) continue;
            IEnumerable items = value is IEnumerable e and not string ? e : new[] { value };
            foreach (var item in items)
            {
                if (item is null) continue;
                url.Append(first ? '?' : '&').Append(UrlEncoding.EncodeQueryComponent(name)).Append('=')
                   .Append(UrlEncoding.EncodeQueryComponent(FormatQueryValue(item)));
                first = false;
            }
        }
        return url.ToString();
    }

    private static string FormatQueryValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Find(IReadOnlyDictionary<string, object?> values, string name, out object? value)
    {
        if (values.TryGetValue(name, out value)) return true;
        foreach (var (k, v) in values)
            if (Same(k, name)) { value = v; return true; }
        return false;
    }
}
