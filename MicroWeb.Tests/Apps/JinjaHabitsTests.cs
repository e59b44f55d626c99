using MicroWeb.Tests.Templates;

namespace MicroWeb.Tests.Apps;

/// <summary>Every row of the Jinja-to-Scriban table in docs/templates.md, rendered.</summary>
public class JinjaHabitsTests
{
    [Theory]
    [InlineData("{{ for p in posts }}{{ p }}{{ if !for.last }},{{ end }}{{ end }}", "a,b")]
    [InlineData("{{ for p in posts }}{{ for.index }}{{ if for.first }}f{{ end }}{{ end }}", "0f1")]
    [InlineData("{{ created | date.to_string '%Y-%m-%d' }}", "2018-01-01")]
    [InlineData("{{ created | strftime '%Y-%m-%d %H:%M' }}", "2018-01-01 10:30")]
    [InlineData("{{ empty ?? 'none' }}|{{ blank | object.default 'none' }}|{{ blank | default 'none' }}", "none|none|none")]
    [InlineData("{{ posts.size > 1 ? 'many' : 'one' }}", "many")]
    [InlineData("a{{## a comment ##}}b{{# another }}c", "abc")]
    [InlineData("{{ posts | array.size }}|{{ posts | length }}", "2|2")]
    [InlineData("{{ title | string.upcase }}|{{ title | upper }}|{{ title | lower }}|{{ title | capitalize }}", "HELLO WORLD|HELLO WORLD|hello world|Hello world")]
    [InlineData("{{ posts | join ', ' }}|{{ 'a b' | replace 'a' 'c' }}|{{ '  x ' | trim }}", "a, b|c b|x")]
    public void Renders(string template, string expected)
    {
        using var site = new TemplateSite(("t.html", template));
        var model = new Dictionary<string, object?>
        {
            ["posts"] = new[] { "a", "b" },
            ["created"] = new DateTime(2018, 1, 1, 10, 30, 0),
            ["empty"] = null,
            ["blank"] = "",
            ["title"] = "hello World",
        };
        foreach (var debug in new[] { false, true })
            site.CreateApp(debug).Templates.Render("t.html", model).ShouldBe(expected);
    }
}
