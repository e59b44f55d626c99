using MicroWeb.Routing;
using MicroWeb.Routing.Converters;

namespace MicroWeb.Tests.Routing;

/// <summary>A segment with several variables runs on a backtracking regex when the text is short enough for its cost to be
/// bounded, on the non-backtracking one otherwise: both must give the same values.</summary>
public class SegmentEngineTests
{
    [Theory]
    [InlineData("/<a>-<b>-<c>.json")]
    [InlineData("/<x>.<y>")]
    [InlineData("/v<int:n>.<int:m>")]
    [InlineData("/<float(signed=True):f>-<a>")]
    [InlineData("/<any(a, a-b, b):w>-<string(maxlength=3):s>")]
    [InlineData("/<path:p>/<path:q>.json")]
    public void Both_engines_find_the_same_values(string rule)
    {
        var parsed = new RuleParser(new ConverterRegistry()).Parse(rule);
        var segment = parsed.Segments.Single(s => s.Regex is not null);
        var random = new Random(rule.Length);
        const string alphabet = "ab-.1/json0";
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            if (random.Next(4) == 0) text += ".json";
            var fast = segment.Match(text);
            var linear = segment.MatchLinear(text);
            fast.Success.ShouldBe(linear.Success, text);
            if (!fast.Success) continue;
            for (var v = 0; v < parsed.Variables.Count; v++) segment.Group(fast, v).ShouldBe(segment.Group(linear, v), text);
        }
    }
}
