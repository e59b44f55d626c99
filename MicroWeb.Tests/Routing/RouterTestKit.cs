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

    public static string? Endpoint(this RouteTable table, string path, string method = "GET")
    {
        var match = table.Match(method, path);
        return match.Outcome == MatchOutcome.Found ? match.Route!.Endpoint : null;
    }
}
