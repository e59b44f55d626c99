using MicroWeb.Routing;
using MicroWeb.Routing.Converters;

namespace MicroWeb.Tests.Routing;

/// <summary>Builds route tables from rule strings, without handlers or sockets.</summary>
internal static class RouterTestKit
{
    public static RouteTable Table(params string[] rules) => Table(new ConverterRegistry(), rules);

    public static RouteTable Table(ConverterRegistry converters, params string[] rules)
    {
        var parser = new RuleParser(converters);
        var table = new RouteTable();
        foreach (var spec in rules)
        {
            // "POST /x" declares methods; the endpoint is the rule text (with its methods when given).
            var space = spec.StartsWith('/') ? -1 : spec.IndexOf(' ');
            var methods = space > 0 ? spec[..space].Split(',') : ["GET"];
            var rule = space > 0 ? spec[(space + 1)..] : spec;
            table.Add(new Route(parser.Parse(rule), spec, methods));
        }
        return table;
    }

    /// <summary>A rule with Werkzeug's options, for tables built with <see cref="Table(RuleSpec[])"/>.</summary>
    public sealed record RuleSpec(string Rule, string Endpoint, string[]? Methods = null, bool StrictSlashes = true,
        bool? MergeSlashes = null, object? Defaults = null);

    public static RuleSpec R(string rule, string endpoint, string[]? methods = null, bool strict = true, bool? merge = null, object? defaults = null) =>
        new(rule, endpoint, methods, strict, merge, defaults);

    public static RouteTable Table(params RuleSpec[] specs) => Table(new ConverterRegistry(), specs);

    public static RouteTable Table(ConverterRegistry converters, params RuleSpec[] specs)
    {
        var parser = new RuleParser(converters);
        var table = new RouteTable();
        foreach (var s in specs)
            table.Add(new Route(parser.Parse(s.Rule, s.MergeSlashes ?? table.MergeSlashes), s.Endpoint, s.Methods ?? ["GET"],
                strictSlashes: s.StrictSlashes, defaults: s.Defaults is null ? null : MicroWeb.Routing.PropertyValues.FromObject(s.Defaults), mergeSlashes: s.MergeSlashes));
        return table;
    }

    /// <summary>The outcome as Werkzeug's tests write it: the endpoint and values, or what was raised.</summary>
    public static string Outcome(this RouteTable table, string path, string method = "GET")
    {
        var m = table.Match(method, path);
        return m.Outcome switch
        {
            MatchOutcome.Found => m.Route!.Endpoint + (m.Values.Length == 0 ? "" :
                " " + string.Join(", ", m.Route.ValueNames.Zip(m.Values, (n, v) => $"{n}={v}"))),
            MatchOutcome.RedirectToSlash => "redirect " + path + "/",
            MatchOutcome.Redirect => "redirect " + m.Location,
            MatchOutcome.MethodNotAllowed => "405 " + string.Join(",", m.AllowedMethods),
            _ => "404",
        };
    }

    public static string? Endpoint(this RouteTable table, string path, string method = "GET")
    {
        var match = table.Match(method, path);
        return match.Outcome == MatchOutcome.Found ? match.Route!.Endpoint : null;
    }
}
