using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Security;

/// <summary>The sample and the README reflect user input escaped, as Flask's quickstart does.</summary>
public class EscapedExamplesTests
{
    private const string Attack = "%3Cimg%20src=x%20onerror=alert(1)%3E";
    private const string Escaped = "&lt;img src=x onerror=alert(1)&gt;";

    [Theory]
    [InlineData("/hola/" + Attack, "Hello " + Escaped + "!")]
    [InlineData("/ruta/" + Attack, "Recibi el parametro " + Escaped)]
    [InlineData("/archivos/a/" + Attack, "Archivo a/" + Escaped)]
    [InlineData("/invitado/" + Attack, "hola " + Escaped + " invitado")]
    public async Task The_sample_escapes_what_it_reflects(string path, string body)
    {
        var response = await MicroWeb.Sample.SampleApp.Create([]).App.TestClient().GetAsync(path);
        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe("text/html; charset=utf-8");
        response.Text.ShouldBe(body);
    }

    [Fact]
    public async Task The_readme_first_example_escapes()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Get("/hola/<nombre>", (string nombre) => $"Hello {Escape(nombre)}!"); // as in the README
        (await app.TestClient().GetAsync("/hola/" + Attack)).Text.ShouldBe("Hello " + Escaped + "!");
    }

    [Fact]
    public async Task Escape_is_markupsafe_escape_and_a_returned_Markup_is_HTML()
    {
        Escape("<a href=\"x\">'&'</a>").Html.ShouldBe("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        Escape(Escape("<b>")).Html.ShouldBe("&lt;b&gt;"); // once only
        Escape(null).Html.ShouldBe("");
        Escape(1.5).Html.ShouldBe("1.5");
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Get("/m", () => Escape("<i>"));
        var response = await app.TestClient().GetAsync("/m");
        response.ContentType.ShouldBe("text/html; charset=utf-8");
        response.Text.ShouldBe("&lt;i&gt;");
    }
}
