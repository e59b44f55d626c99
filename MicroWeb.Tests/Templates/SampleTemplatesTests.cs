using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Templates;

/// <summary>The sample's templates: the lecture's hola.html, lista_productos.html in a layout, 404.html and 500.html.</summary>
public sealed class SampleTemplatesTests
{
    [Fact]
    public async Task Hola_renders_the_lectures_template_with_daniel_by_default()
    {
        var response = await SampleClient.Create().GetAsync("/hola");

        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe("text/html; charset=utf-8");
        var body = response.Text;
        body.ShouldContain("<title>Mi pagina</title>");
        body.ShouldContain("    Hola Daniel\n");
    }

    [Fact]
    public async Task Hola_escapes_the_name_from_the_query_string()
    {
        var body = (await SampleClient.Create().GetAsync("/hola?nombre=" + Uri.EscapeDataString("<script>alert('x')</script>"))).Text;

        body.ShouldContain("Hola &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        body.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task Productos_lists_the_products_inside_the_shared_layout()
    {
        var response = await SampleClient.Create("--debug").GetAsync("/productos");

        response.StatusCode.ShouldBe(200);
        var body = response.Text;
        body.ShouldStartWith("<!DOCTYPE html>");
        body.ShouldContain("<title>Lista de Productos</title>");
        body.ShouldContain("<a href=\"/productos\">Productos</a>");
        body.ShouldContain("<h1>Lista de Productos</h1>");
        body.ShouldContain("<li>Manzana - 0.50</li>");
        body.ShouldContain("<li>Banana - 0.25</li>");
        body.ShouldContain("<li>Café &lt;Especial&gt; &amp; &#34;Tostado&#34; - 12.90</li>");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_500_page_renders_in_the_layout_with_a_link_to_index(bool debug)
    {
        var app = MicroWeb.Sample.SampleApp.Create(debug ? ["--debug"] : []).App;

        var html = app.Templates.Render("500.html");

        html.ShouldContain("<title>Error interno</title>");
        html.ShouldContain("<h1>An unexpected error has occurred</h1>");
        html.ShouldContain("<p><a href=\"/\">Back</a></p>");
        app.RenderTemplate("500.html").ContentType.ShouldBe("text/html; charset=utf-8");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_404_page_renders_in_the_layout_with_a_link_to_index(bool debug)
    {
        var app = MicroWeb.Sample.SampleApp.Create(debug ? ["--debug"] : []).App;

        var html = app.Templates.Render("404.html");

        html.ShouldContain("<h1>Page not found</h1>");
        html.ShouldContain("<p><a href=\"/\">Back</a></p>");
    }

    [Fact]
    public async Task The_404_page_escapes_the_requested_path()
    {
        var app = MicroWeb.Sample.SampleApp.Create([]).App;
        app.Get("/no-existe/<path:resto>", (string resto) => (Web.RenderTemplate("404.html"), 404));

        var response = await app.TestClient().GetAsync("/no-existe/%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        response.StatusCode.ShouldBe(404);
        response.Text.ShouldContain("<code>/no-existe/&lt;script&gt;alert(1)&lt;/script&gt;</code>");
    }
}
