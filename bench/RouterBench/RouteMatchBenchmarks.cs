using BenchmarkDotNet.Attributes;
using MicroWeb;
using MicroWeb.Routing;

namespace RouterBench;

/// <summary>
/// Time and allocations of one <see cref="RouteTable.Match"/> as the table grows from 10 to 10,000 rules. The table
/// holds, per section i, a static rule, an int rule and a string rule (<c>/seccion{i}/articulos</c>,
/// <c>/seccion{i}/articulos/&lt;int:id&gt;</c>, <c>/seccion{i}/autor/&lt;nombre&gt;</c>), so a third of the rules is
/// static; the probed rules are the last section's, registered last.
/// </summary>
public class RouteMatchBenchmarks
{
    private RouteTable _table = null!;
    private string _static = "", _int = "", _string = "";
    private const string PatternPath = "/r/informe-2026-final.json";

    [Params(10, 100, 1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var app = new MicroWebApp("bench");
        Func<string> page = () => "ok";
        Func<int, string> byId = id => "ok";
        Func<string, string> byName = nombre => nombre;
        var sections = Math.Max(1, Rules / 3);
        for (var i = 0; i < sections; i++)
        {
            app.Get($"/seccion{i}/articulos", page, endpoint: $"lista{i}");
            app.Get($"/seccion{i}/articulos/<int:id>", byId, endpoint: $"articulo{i}");
            app.Get($"/seccion{i}/autor/<nombre>", byName, endpoint: $"autor{i}");
        }
        // One rule with three string variables in a segment: a regex, where backtracking once cost seconds.
        Func<string, string, string, string> parts = (a, b, c) => a;
        app.Get("/r/<a>-<b>-<c>.json", parts, endpoint: "partes");
        var last = sections - 1;
        (_static, _int, _string) = ($"/seccion{last}/articulos", $"/seccion{last}/articulos/42", $"/seccion{last}/autor/Daniel");
        _table = app.Routes;
        if (_table.Match("GET", _static).Outcome != MatchOutcome.Found || _table.Match("GET", _int).Outcome != MatchOutcome.Found
            || _table.Match("GET", _string).Outcome != MatchOutcome.Found || _table.Match("GET", PatternPath).Outcome != MatchOutcome.Found)
            throw new InvalidOperationException("the probed paths must match");
    }

    [Benchmark]
    public RouteMatch Static() => _table.Match("GET", _static);

    [Benchmark]
    public RouteMatch IntParameter() => _table.Match("GET", _int);

    [Benchmark]
    public RouteMatch StringParameter() => _table.Match("GET", _string);

    [Benchmark]
    public RouteMatch ThreeVariablesInOneSegment() => _table.Match("GET", PatternPath);
}
