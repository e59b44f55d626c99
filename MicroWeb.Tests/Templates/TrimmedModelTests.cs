using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>
/// Template models in a trimmed or Native AOT app, played here by turning off reading any type by reflection (what the
/// trimmer does to the engine; AotPublishTests checks the real thing): the model's own type passed to
/// RenderTemplate&lt;T&gt; and types registered with AddModelType&lt;T&gt; are read, anything else is an error naming the type,
/// never a blank page.
/// </summary>
public sealed class TrimmedModelTests
{
    public sealed record Linea(string Producto, int Cantidad);

    public sealed record Pedido(int Numero, IReadOnlyList<Linea> Lineas);

    private const string Page = "{{ cliente }}:{{ for p in pedidos }} #{{ p.numero }}{{ for l in p.lineas }} {{ l.cantidad }}x{{ l.producto }}{{ end }}{{ end }}";

    private static readonly Pedido[] Pedidos = [new(1, [new("pan", 2), new("té & café", 1)]), new(2, [new("sal", 3)])];

    private static MicroWebApp Trimmed(TemplateSite site, bool debug = false)
    {
        var app = site.CreateApp(debug);
        app.Templates.ModelTypes.ReadAnyType = false;
        return app;
    }

    [Fact]
    public async Task The_models_own_type_and_registered_types_inside_it_render_when_trimmed()
    {
        using var site = new TemplateSite(("pedidos.html", Page));
        var app = Trimmed(site);
        app.Templates.AddModelType<Pedido>().AddModelType<Linea>();
        app.Get("/", () => RenderTemplate("pedidos.html", new { cliente = "Ana", pedidos = Pedidos }));

        var page = (await app.TestClient().GetAsync("/")).Text;

        page.ShouldBe("Ana: #1 2xpan 1xté &amp; café #2 3xsal");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unregistered_type_inside_a_model_fails_naming_the_type_in_production_and_debug(bool debug)
    {
        using var site = new TemplateSite(("pedidos.html", Page));
        var app = Trimmed(site, debug);
        app.Templates.AddModelType<Pedido>(); // Linea is missing

        var error = Should.Throw<TemplateException>(() => app.Templates.Render("pedidos.html", new { cliente = "Ana", pedidos = Pedidos }));
        error.Message.ShouldContain("MicroWeb.Tests.Templates.TrimmedModelTests+Linea");
        error.Message.ShouldContain("AddModelType<Linea>()");
        error.Line.ShouldBe(1);

        // Over HTTP: a 500 (the debug page in debug mode), never a page with the values left blank.
        app.Get("/", () => RenderTemplate("pedidos.html", new { cliente = "Ana", pedidos = Pedidos }));
        var response = await app.TestClient().GetAsync("/");
        response.StatusCode.ShouldBe(500);
        if (debug) response.Text.ShouldContain("AddModelType&lt;Linea&gt;()");
    }

    [Fact]
    public void A_model_passed_as_object_is_read_only_if_its_type_is_registered()
    {
        using var site = new TemplateSite(("p.html", "#{{ numero }}"));
        var templates = Trimmed(site).Templates;
        object model = new Pedido(7, []);

#pragma warning disable IL2026 // the object overload is the one that warns at publish time
        var error = Should.Throw<TemplateException>(() => templates.Render("p.html", model));
        error.Message.ShouldContain("the model:");
        error.Message.ShouldContain("AddModelType<Pedido>()");

        templates.AddModelType<Pedido>();
        templates.Render("p.html", model).ShouldBe("#7");
#pragma warning restore IL2026
    }

    [Fact]
    public void An_anonymous_object_inside_a_model_gets_advice_it_can_follow()
    {
        using var site = new TemplateSite(("p.html", "{{ for p in pedidos }}{{ p.numero }}{{ end }}"));
        var templates = Trimmed(site).Templates;

        var error = Should.Throw<TemplateException>(() => templates.Render("p.html", new { pedidos = new[] { new { numero = 1 } } }));

        error.Message.ShouldContain("anonymous type");
        error.Message.ShouldContain("use a record or class registered with app.Templates.AddModelType<T>()");
    }

    [Fact]
    public void Untrimmed_apps_read_any_type_without_registering_it()
    {
        using var site = new TemplateSite(("pedidos.html", Page));
        var templates = site.CreateApp().Templates;

        templates.Render("pedidos.html", new { cliente = "Ana", pedidos = Pedidos }).ShouldBe("Ana: #1 2xpan 1xté &amp; café #2 3xsal");
    }
}
