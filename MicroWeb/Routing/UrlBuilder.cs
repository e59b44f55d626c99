using System.Collections;
using System.Globalization;
using System.Text;
using MicroWeb.Http;

namespace MicroWeb.Routing;

/// <summary>
/// Builds URLs from endpoints, as Flask's <c>url_for</c>: the endpoint's rules are considered in Werkzeug's build order
/// (more variables and defaults first) and the first one the values suit wins; values not in the rule go to the query
/// string; everything is percent-encoded.
/// </summary>
public sealed class UrlBuilder
{
    private readonly RouteTable _table;

    /// <summary>Creates a builder over a route table.</summary>
    public UrlBuilder(RouteTable table) => _table = table;

    /// <summary>Builds the path and query for an endpoint.</summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, a missing value, or a value the converter rejects.</exception>
    public string Build(string endpoint, IReadOnlyDictionary<string, object?>? values = null) => Build(endpoint, values, out _);

    /// <summary>Builds the path and query, and the domain part of the chosen rule (its subdomain, or its host with
    /// host matching; "" for a rule without one).</summary>
    internal string Build(string endpoint, IReadOnlyDictionary<string, object?>? values, out string domain)
    {
        values ??= new Dictionary<string, object?>();
        var routes = _table.RoutesFor(endpoint);
        if (routes.Count == 0) throw new UrlBuildException(endpoint, $"no endpoint named '{endpoint}'");

        var route = routes.FirstOrDefault(r => SuitableFor(r, values));
        if (route is null)
        {
            var first = routes[0];
            var missing = first.ValueNames.FirstOrDefault(n => !first.Defaults.ContainsKey(n) && !Given(values, n));
            throw new UrlBuildException(endpoint, missing is not null
                ? $"missing value for '{missing}' (rule '{first.Rule}')"
                : $"the values differ from the defaults of every rule (rule '{first.Rule}')");
        }

        domain = route.Parsed.Domain is { } part ? BuildPart(route, part, values, encode: false) : "";
        var url = new StringBuilder(BuildPath(route, values));
        var separator = '?';
        foreach (var (name, value) in values)
        {
            if (value is null || route.ValueNames.Any(n => Same(n, name))) continue;
            IEnumerable items = value is IEnumerable e and not string ? e : new[] { value };
            foreach (var item in items)
            {
                if (item is null) continue;
                url.Append(separator).Append(UrlEncoding.EncodeFormComponent(name)).Append('=')
                   .Append(UrlEncoding.EncodeFormComponent(FormatQueryValue(item)));
                separator = '&';
            }
        }
        return url.ToString();
    }

    // Werkzeug's Rule.suitable_for: every argument is given or defaulted, and a given value equals the rule's default.
    private static bool SuitableFor(Route route, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var name in route.ValueNames)
            if (!route.Defaults.ContainsKey(name) && !Given(values, name)) return false;
        foreach (var (name, value) in route.Defaults)
            if (Find(values, name, out var given) && given is not null && !SameValue(given, value)) return false;
        return true;
    }

    /// <summary>The percent-encoded path of one route for these values (its defaults are not needed in them).</summary>
    internal string BuildPath(Route route, IReadOnlyDictionary<string, object?> values)
    {
        var url = new StringBuilder();
        foreach (var segment in route.Parsed.Segments) url.Append('/').Append(BuildPart(route, segment, values, encode: true));
        return url.ToString();
    }

    private static string BuildPart(Route route, RuleSegment segment, IReadOnlyDictionary<string, object?> values, bool encode)
    {
        var url = new StringBuilder();
        foreach (var piece in segment.Pieces)
        {
            if (piece is LiteralPiece literal)
            {
                url.Append(!encode ? literal.Text : segment.Kind == SegmentKind.Tail ? UrlEncoding.EncodePath(literal.Text) : UrlEncoding.EncodeSegment(literal.Text));
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
                throw new UrlBuildException(route.Endpoint, $"value '{value}' for '{variable.Name}' does not fit <{variable.Spec}>");
            }
            // MicroWeb refuses to build a URL its own rule would not match (Werkzeug builds it).
            if (!variable.Converter.TryConvert(text, out _))
                throw new UrlBuildException(route.Endpoint, $"value '{value}' for '{variable.Name}' does not fit <{variable.Spec}>");
            url.Append(!encode ? text : variable.Converter.MatchesSlashes ? UrlEncoding.EncodePath(text) : UrlEncoding.EncodeSegment(text));
        }
        return url.ToString();
    }

    // As Python's str() in Werkzeug's url_encode: True/False, 1.0 (but never scientific notation), invariant culture.
    private static string FormatQueryValue(object value) => value switch
    {
        bool b => b ? "True" : "False",
        double d => PlainNumber.Format(d),
        float f => PlainNumber.Format(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Equality of a given value and a default as a user means it: 1 (int) equals 1 (long) and "1".</summary>
    internal static bool SameValue(object? a, object? b)
    {
        if (Equals(a, b)) return true;
        if (a is null || b is null) return false;
        if (IsNumber(a) && IsNumber(b))
            return Convert.ToDecimal(a, CultureInfo.InvariantCulture) == Convert.ToDecimal(b, CultureInfo.InvariantCulture);
        return string.Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static bool IsNumber(object o) => o is byte or sbyte or short or ushort or int or uint or long or ulong or decimal
        || (o is double d && Math.Abs(d) < 7.9e28) || (o is float f && Math.Abs(f) < 7.9e28f);

    private static bool Same(string a, string b) => Names.Same(a, b);

    private static bool Given(IReadOnlyDictionary<string, object?> values, string name) => Find(values, name, out var v) && v is not null;

    private static bool Find(IReadOnlyDictionary<string, object?> values, string name, out object? value)
    {
        if (values.TryGetValue(name, out value)) return true;
        foreach (var (k, v) in values)
            if (Same(k, name)) { value = v; return true; }
        return false;
    }
}
