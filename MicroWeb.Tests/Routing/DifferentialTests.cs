using MicroWeb.Routing;
using MicroWeb.Routing.Converters;

namespace MicroWeb.Tests.Routing;

/// <summary>Random rule sets and paths, matched by the router and by <see cref="ReferenceMatcher"/>: same answers.</summary>
public class DifferentialTests
{
    private static readonly string[] Segments =
    [
        "a", "b", "users", "edit", "<x>", "<int:n>", "<float:f>", "<any(a, b, new):w>", "<uuid:u>", "<string(length=2):s>",
        "<x>.txt", "v<int:n>", "<x>-<y>", "<int:n>-<int:m>",
    ];

    private static readonly string[] Tails = ["<path:p>", "<path:p>/edit", "<path:p>/", "<path:p>:<path:q>"];

    private static readonly string[] Words =
    [
        "a", "b", "users", "edit", "new", "12", "3.5", "-4", "a.txt", "v7", "x-y", "1-2", "es", "2b5b0911-fdcf-4dd2-921b-28ace88db8a0",
        "zzz", "a:b", "",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "HEAD", "OPTIONS"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Router_and_reference_agree_on_random_rules_and_paths(int seed)
    {
        var random = new Random(seed);
        var seen = new Dictionary<string, int>();
        var parser = new RuleParser(new ConverterRegistry());
        for (var round = 0; round < 40; round++)
        {
            var table = new RouteTable { MergeSlashes = random.Next(4) != 0 };
            for (var i = 0; i < random.Next(3, 25); i++)
            {
                var rule = RandomRule(random);
                bool? merge = random.Next(5) == 0 ? false : null;
                var methods = Methods.Where(_ => random.Next(3) == 0).DefaultIfEmpty("GET").ToArray();
                try
                {
                    table.Add(new Route(parser.Parse(rule, merge ?? table.MergeSlashes), $"r{i} {rule}", methods,
                        strictSlashes: random.Next(4) != 0, mergeSlashes: merge));
                }
                catch (InvalidOperationException)
                {
                    // a duplicate of an earlier rule: Werkzeug refuses it too
                }
            }
            var reference = new ReferenceMatcher(table.Routes) { MergeSlashes = table.MergeSlashes };
            for (var p = 0; p < 150; p++)
            {
                var path = RandomPath(random);
                var method = random.Next(3) == 0 ? Methods[random.Next(Methods.Length)] : "GET";
                var expected = reference.Match(method, path);
                var actual = table.Outcome(path, method);
                actual.ShouldBe(expected, $"{method} {path} with rules:\n  {string.Join("\n  ", table.Routes)}");
                var kind = actual.Split(' ')[0] is var first && first.StartsWith('r') && first != "redirect" ? "found" : first;
                seen[kind] = seen.GetValueOrDefault(kind) + 1;
            }
        }
        // The generated cases reach every outcome, often.
        foreach (var kind in new[] { "found", "redirect", "405", "404" })
            seen.GetValueOrDefault(kind).ShouldBeGreaterThan(50, string.Join(", ", seen));
    }

    private static string RandomRule(Random random)
    {
        var parts = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
            parts.Add(i == count - 1 && random.Next(4) == 0 ? Tails[random.Next(Tails.Length)] : Segments[random.Next(Segments.Length)]);
        var rule = "/" + string.Join("/", parts);
        if (!rule.EndsWith('/') && random.Next(3) == 0) rule += "/";
        if (random.Next(12) == 0) rule = rule.Replace("/a/", "/a//");
        // Variable names must be unique within a rule.
        var n = 0;
        return System.Text.RegularExpressions.Regex.Replace(rule, ":?([a-z]+)>", m => (m.Value.StartsWith(':') ? ":" : "") + "v" + n++ + ">")
            .Replace("<v", "<v", StringComparison.Ordinal);
    }

    private static string RandomPath(Random random)
    {
        var count = random.Next(0, 5);
        var path = "/" + string.Join("/", Enumerable.Range(0, count).Select(_ => Words[random.Next(Words.Length)]));
        if (random.Next(3) == 0) path += "/";
        if (random.Next(6) == 0) path = path.Replace("/", "//");
        return path;
    }
}
