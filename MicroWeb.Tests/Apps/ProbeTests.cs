using MicroWeb.Tests.Templates;
namespace MicroWeb.Tests.Apps;
public class ProbeTests
{
    [Theory]
    [InlineData("<pre>\n  {{ text }}</pre>")]
    [InlineData("{{ user.id }}|")]
    [InlineData("{{ nope.deeper }}|")]
    [InlineData("{{ g.user.id }}|")]
    [InlineData("{{ x ?? 'y' }}|{{ '' | object.default 'z' }}|{{ true ? 1 : 2 }}")]
    [InlineData("{{ for i in [1,2] }}{{ i }}{{ if !for.last }},{{ end }}{{ end }}")]
    [InlineData("{{ date.parse '2018-01-01' | date.to_string '%Y-%m-%d' }}")]
    [InlineData("{{ config.debug }}|{{ config['DATABASE'] }}")]
    [InlineData("a {{## comment ##}} b {{# one }} c")]
    public void Probe(string template)
    {
        using var site = new TemplateSite(("t.html", template));
        foreach (var debug in new[] { false, true })
        {
            var app = site.CreateApp(debug);
            try
            {
                var s = app.Templates.Render("t.html", new Dictionary<string, object?> { ["text"] = "a\nb", ["user"] = null });
                Console.WriteLine($"[{debug}] {template} => [{s}]");
            }
            catch (Exception e) { Console.WriteLine($"[{debug}] {template} => {e.GetType().Name}: {e.Message}"); }
        }
    }
}
