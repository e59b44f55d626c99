using MicroWeb.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>Layouts: a page extends a layout and fills named blocks; includes and layouts load only from the templates folder.</summary>
public sealed class LayoutTests
{
    private const string Base =
        "<title>{{ block \"title\" \"Mi sitio\" }}</title><main>{{ block \"content\" }}</main><footer>{{ wrap block \"footer\" }}<small>&copy; default</small>{{ end }}</footer>";

    [Fact]
    public async Task A_page_fills_the_layouts_blocks_in_the_response()
    {
        using var site = new TemplateSite(
            ("base.html", Base),
            ("page.html", "{{ extends 'base.html' }}{{ capture title }}Hola {{ nombre }}{{ end }}{{ capture content }}<p>{{ nombre }}</p>{{ end }}"));
        var app = site.CreateApp();
        app.Get("/page", ([FromQuery] string nombre) => RenderTemplate("page.html", new { nombre }));

        var response = await app.TestClient().GetAsync("/page?nombre=" + Uri.EscapeDataString("<Ana & \"Luis\">"));

        response.StatusCode.ShouldBe(200);
        response.Text.ShouldBe("<title>Hola &lt;Ana &amp; &#34;Luis&#34;&gt;</title><main><p>&lt;Ana &amp; &#34;Luis&#34;&gt;</p></main><footer><small>&copy; default</small></footer>");
    }

    [Fact]
    public void Blocks_the_page_does_not_fill_show_the_layouts_defaults()
    {
        using var site = new TemplateSite(("base.html", Base), ("page.html", "{{ extends 'base.html' }}{{ capture content }}x{{ end }}"));

        // Debug mode: undefined variables are errors, but an unfilled block is not.
        site.CreateApp(debug: true).Templates.Render("page.html")
            .ShouldBe("<title>Mi sitio</title><main>x</main><footer><small>&copy; default</small></footer>");
    }

    [Fact]
    public void A_page_can_fill_a_block_whose_default_is_markup()
    {
        using var site = new TemplateSite(("base.html", Base), ("page.html", "{{ extends 'base.html' }}{{ capture footer }}<b>pie</b>{{ end }}"));

        site.CreateApp().Templates.Render("page.html").ShouldBe("<title>Mi sitio</title><main></main><footer><b>pie</b></footer>");
    }

    [Fact]
    public void Output_outside_captures_becomes_content_unless_the_page_captured_content()
    {
        using var site = new TemplateSite(
            ("base.html", "[{{ block 'content' }}]"),
            ("implicit.html", "{{ extends 'base.html' }}<p>{{ 1 + 1 }}</p>"),
            ("explicit.html", "{{ extends 'base.html' }}ignored{{ capture content }}<p>kept</p>{{ end }}"));
        var templates = site.CreateApp().Templates;

        templates.Render("implicit.html").ShouldBe("[<p>2</p>]");
        templates.Render("explicit.html").ShouldBe("[<p>kept</p>]");
    }

    [Fact]
    public void Layouts_can_extend_layouts()
    {
        using var site = new TemplateSite(
            ("base.html", "<html><title>{{ block 'title' }}</title>{{ block 'content' }}</html>"),
            ("dos_columnas.html", "{{ extends 'base.html' }}<div class=\"cols\">{{ block 'content' }}<aside>{{ block 'aside' 'nada' }}</aside></div>"),
            ("page.html", "{{ extends 'dos_columnas.html' }}{{ capture title }}T{{ end }}{{ capture content }}<p>C</p>{{ end }}"));

        site.CreateApp().Templates.Render("page.html")
            .ShouldBe("<html><title>T</title><div class=\"cols\"><p>C</p><aside>nada</aside></div></html>");
    }

    [Fact]
    public void A_layout_cycle_is_an_error_naming_the_chain()
    {
        using var site = new TemplateSite(("a.html", "{{ extends 'b.html' }}"), ("b.html", "{{ extends 'a.html' }}"));

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("a.html"));

        error.Message.ShouldContain("a.html -> b.html -> a.html");
    }

    [Fact]
    public void A_missing_layout_is_reported_at_the_extends_line_with_the_path_searched()
    {
        using var site = new TemplateSite(("page.html", "hola\n{{ extends 'nope.html' }}"));

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("page.html"));

        error.TemplateName.ShouldBe("page.html");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain(Path.Combine(site.Folder, "nope.html"));
        error.InnerException.ShouldBeOfType<TemplateNotFoundException>();
    }

    [Fact]
    public void Extends_in_an_included_template_is_an_error()
    {
        using var site = new TemplateSite(("base.html", "{{ block 'content' }}"), ("page.html", "{{ include 'part.html' }}"), ("part.html", "{{ extends 'base.html' }}"));

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("page.html"));

        error.TemplateName.ShouldBe("part.html");
        error.Message.ShouldContain("not in an included template");
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("partials/../../secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\secret.txt")]
    [InlineData("partials//x.html")]
    [InlineData("./page.html")]
    [InlineData("")]
    [InlineData("page.html\0.txt")]
    public void No_template_name_can_leave_the_templates_folder(string name)
    {
        using var site = new TemplateSite(("page.html", "ok"));
        File.WriteAllText(Path.Combine(site.Root, "secret.txt"), "TOP SECRET");

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render(name));

        error.Message.ShouldNotContain("TOP SECRET");
        error.Reason.ShouldContain("invalid template name");
    }

    [Fact]
    public async Task An_include_named_by_user_input_cannot_read_outside_the_folder()
    {
        using var site = new TemplateSite(("page.html", "[{{ include request.query.parte }}]"), ("ok.txt", "fine"));
        File.WriteAllText(Path.Combine(site.Root, "secret.txt"), "TOP SECRET");
        var app = site.CreateApp();
        app.Get("/page", () => RenderTemplate("page.html"));
        var client = app.TestClient();

        (await client.GetAsync("/page?parte=ok.txt")).Text.ShouldBe("[fine]");
        var response = await client.GetAsync("/page?parte=" + Uri.EscapeDataString("../secret.txt"));

        response.StatusCode.ShouldBe(500);
        response.Text.ShouldNotContain("TOP SECRET");
    }
}
