using MicroWeb.Routing;
using MicroWeb.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>What templates see: the model, url_for, request, config and debug, app globals and functions; and the limits.</summary>
public sealed class TemplateVariablesTests
{
    private sealed record Producto(string Nombre, decimal PrecioUnitario);

    private struct Punto
    {
        public int X;
        public int Y { get; init; }
        [Scriban.Runtime.ScriptMemberIgnore] public string Secreto { get; init; }
    }

    private sealed class Prohibido
    {
        public string X => throw new MicroWeb.HttpException(403);
    }

    private sealed class Vista
    {
        public string Titulo = "Hola";
        public int? Cantidad { get; init; }
    }

    [Fact]
    public void Model_fields_properties_and_struct_models_become_variables()
    {
        using var site = new TemplateSite(("m.html", "{{ titulo }} [{{ cantidad }}]"), ("p.html", "{{ x }},{{ y }} [{{ secreto }}]"));
        var templates = site.CreateApp().Templates;

        templates.Render("m.html", new Vista()).ShouldBe("Hola []");
        templates.Render("m.html", new Vista { Titulo = "Otra", Cantidad = 3 }).ShouldBe("Otra [3]");
        // Renders in a row with different model types (each type's members are worked out once, then reused).
        templates.Render("p.html", new Punto { X = 1, Y = 2, Secreto = "s" }).ShouldBe("1,2 []");
        templates.Render("m.html", new Vista()).ShouldBe("Hola []");
    }

    [Fact]
    public async Task A_model_member_that_aborts_keeps_its_status()
    {
        using var site = new TemplateSite(("p.html", "{{ x }}"));
        var app = site.CreateApp();
        app.Get("/p", () => RenderTemplate("p.html", new Prohibido()));

        var response = await app.TestClient().GetAsync("/p");

        response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task Url_for_in_a_template_follows_the_same_rules_as_in_code()
    {
        using var site = new TemplateSite(("links.html",
            "<a href=\"{{ url_for('index') }}\">i</a><a href=\"{{ url_for('VERPOST', {id: 7, q: 'a b&c'}) }}\">p</a>{{ url_for 'VerPost' {id: 8} }}"));
        var app = site.CreateApp();
        app.Get("/", () => "home", endpoint: "Index");
        app.Get("/blog/<int:id>", (int id) => $"post {id}", endpoint: "VerPost");
        app.Get("/links", () => RenderTemplate("links.html"));

        var body = (await app.TestClient().GetAsync("/links")).Text;

        var post = app.UrlFor("VerPost", new Dictionary<string, object?> { ["id"] = 7, ["q"] = "a b&c" });
        post.ShouldStartWith("/blog/7?q=");
        // Endpoint names ignore case; the URL's '&' is HTML-encoded inside the attribute, as it must be.
        body.ShouldBe($"<a href=\"/\">i</a><a href=\"{Markup.Encode(post)}\">p</a>/blog/8");
    }

    [Fact]
    public void Url_for_an_unknown_endpoint_is_a_template_error_at_its_line()
    {
        using var site = new TemplateSite(("links.html", "\n  {{ url_for('nope') }}"));

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("links.html"));

        error.Line.ShouldBe(2);
        error.InnerException.ShouldBeOfType<UrlBuildException>();
        error.Message.ShouldContain("'nope'");
    }

    [Fact]
    public async Task Request_config_debug_and_g_are_available()
    {
        using var site = new TemplateSite(("info.html",
            "{{ request.method }} {{ request.path }} {{ request.query.nombre }} [{{ request.query.falta }}] {{ request.headers['X-Prueba'] }} {{ request.cookies.sesion }} {{ request.endpoint }} | {{ config.templates_folder }} {{ debug }} {{ g.usuario }}"));
        var app = site.CreateApp(debug: true);
        app.Get("/info/<int:n>", (RequestContext context) =>
        {
            context.Items["usuario"] = "ana";
            return RenderTemplate("info.html");
        }, endpoint: "Info");

        var response = await app.TestClient().GetAsync("/info/3?nombre=Jos%C3%A9",
            new Dictionary<string, string> { ["X-Prueba"] = "<h>", ["Cookie"] = "sesion=abc" });

        // A missing query argument reads as blank even in debug mode, like request.args.get.
        response.Text.ShouldBe("GET /info/3 José [] &lt;h&gt; abc Info | templates true ana");
    }

    [Theory]
    [InlineData(false, "[]")]
    [InlineData(true, "Cannot get member with name usuario")] // debug mode: a missing member is an error, as anywhere
    public async Task G_is_there_when_nothing_was_stored_in_it(bool debug, string expected)
    {
        using var site = new TemplateSite(("g.html", "[{{ g.usuario }}]"));
        var app = site.CreateApp(debug);
        app.Get("/", () => RenderTemplate("g.html"));

        (await app.TestClient().GetAsync("/")).Text.ShouldContain(expected);
    }

    [Fact]
    public void The_templates_folder_is_configurable()
    {
        using var site = new TemplateSite();
        Directory.CreateDirectory(Path.Combine(site.Root, "vistas"));
        File.WriteAllText(Path.Combine(site.Root, "vistas", "hola.html"), "Hola {{ nombre }}");
        var app = site.CreateApp();
        app.Config.TemplatesFolder = "vistas";

        app.RenderTemplate("hola.html", new Dictionary<string, object?> { ["nombre"] = "Daniel" }).BodyText.ShouldBe("Hola Daniel");
        Should.Throw<TemplateNotFoundException>(() => app.RenderTemplate("otra.html"))
            .SearchedPath.ShouldBe(Path.Combine(site.Root, "vistas", "otra.html"));
    }

    [Fact]
    public void A_template_cached_from_one_folder_is_not_served_after_the_folder_changes()
    {
        using var site = new TemplateSite(("hola.html", "templates: {{ nombre }}"));
        Directory.CreateDirectory(Path.Combine(site.Root, "vistas"));
        File.WriteAllText(Path.Combine(site.Root, "vistas", "hola.html"), "vistas: {{ nombre }}");
        var app = site.CreateApp();
        var model = new { nombre = "Daniel" };
        app.Templates.Render("hola.html", model).ShouldBe("templates: Daniel");

        app.Config.TemplatesFolder = "vistas";
        app.Templates.Render("hola.html", model).ShouldBe("vistas: Daniel");

        app.Config.TemplatesFolder = "templates";
        app.Templates.Render("hola.html", model).ShouldBe("templates: Daniel");
    }

    [Fact]
    public void The_secret_key_is_not_visible_to_templates()
    {
        using var site = new TemplateSite(("c.html", "[{{ config.secret_key }}]"));
        var production = site.CreateApp();
        production.Config.SecretKey = "s3cr3t";
        var debug = site.CreateApp(debug: true);
        debug.Config.SecretKey = "s3cr3t";

        production.Templates.Render("c.html").ShouldBe("[]");
        Should.Throw<TemplateException>(() => debug.Templates.Render("c.html")).Message.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public void The_fallback_keys_are_not_visible_to_templates_either()
    {
        using var site = new TemplateSite(("c.html", "[{{ config.secret_key_fallbacks }}][{{ config[\"SecretKeyFallbacks\"] }}]{{ object.keys config | array.join \" \" }}"));
        var app = site.CreateApp();
        app.Config.SecretKeyFallbacks = ["old-s3cr3t"];
        var page = app.Templates.Render("c.html");
        page.ShouldStartWith("[][]");
        page.ShouldNotContain("old-s3cr3t");
        page.ShouldNotContain("fallback", Case.Insensitive);
    }

    [Fact]
    public void App_globals_and_functions_are_available_to_every_template_and_can_be_filters()
    {
        using var site = new TemplateSite(("g.html", "{{ sitio }}: {{ precio 3.5 }} {{ 2 | doble }} {{ tienda.nombre_comercial }}"));
        var app = site.CreateApp();
        app.Templates
            .AddGlobal("sitio", "Mi <tienda>")
            .AddGlobal("tienda", new { NombreComercial = "ACME" })
            .AddFunction("precio", (decimal p) => $"${p:0.00}")
            .AddFunction("doble", (int n) => n * 2);

        app.Templates.Render("g.html").ShouldBe("Mi &lt;tienda&gt;: $3.50 4 ACME");
    }

    [Fact]
    public void A_template_cannot_change_builtins_or_app_globals_for_other_renders()
    {
        using var site = new TemplateSite(("a.html", "{{ string.upcase = 1 }}"), ("b.html", "{{ sitio = 'hacked' }}{{ sitio }}"), ("c.html", "{{ 'x' | string.upcase }} {{ sitio }}"));
        var app = site.CreateApp();
        app.Templates.AddGlobal("sitio", "original");

        Should.Throw<TemplateException>(() => app.Templates.Render("a.html")).Message.ShouldContain("readonly");
        // Assigning a global's name makes a variable of that render only, as Jinja's {% set %}.
        app.Templates.Render("b.html").ShouldBe("hacked");
        app.Templates.Render("c.html").ShouldBe("X original");
    }

    [Fact]
    public void Csharp_names_become_snake_case_and_dictionary_keys_stay_as_they_are()
    {
        using var site = new TemplateSite(
            ("obj.html", "{{ nombre_completo }} {{ for p in productos }}{{ p.nombre }}={{ p.precio_unitario }} {{ end }}"),
            ("dict.html", "{{ NombreCompleto }} {{ nombre }}"));
        var templates = site.CreateApp(debug: true).Templates;

        templates.Render("obj.html", new { NombreCompleto = "Ana", Productos = new[] { new Producto("Pan", 1.50m) } })
            .ShouldBe("Ana Pan=1.50 ");
        templates.Render("dict.html", new Dictionary<string, object?> { ["NombreCompleto"] = "Ana", ["nombre"] = "ana" })
            .ShouldBe("Ana ana");
    }

    [Fact]
    public void Debug_mode_makes_undefined_variables_and_members_errors_production_leaves_them_blank()
    {
        using var site = new TemplateSite(("t.html", "[{{ nombr }}][{{ producto.nombr }}]"));
        var model = new { producto = new Producto("Pan", 1m) };

        site.CreateApp().Templates.Render("t.html", model).ShouldBe("[][]");
        var variable = Should.Throw<TemplateException>(() => site.CreateApp(debug: true).Templates.Render("t.html", model));
        variable.Message.ShouldContain("nombr");
        variable.Column.ShouldBe(5);
        site.Write("t.html", "[{{ producto.nombr }}]");
        Should.Throw<TemplateException>(() => site.CreateApp(debug: true).Templates.Render("t.html", model)).Message.ShouldContain("nombr");
    }

    [Fact]
    public void Pages_with_more_than_scribans_1000_iterations_render()
    {
        using var site = new TemplateSite(("lista.html", "{{ for fila in filas }}{{ for celda in fila }}{{ celda }}{{ end }}\n{{ end }}"));
        var filas = Enumerable.Range(0, 500).Select(r => Enumerable.Range(0, 20).ToArray()).ToArray();

        var html = site.CreateApp().Templates.Render("lista.html", new { filas });

        html.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(500);
    }

    [Fact]
    public void A_runaway_loop_and_an_oversized_page_are_errors_not_hangs_or_truncated_pages()
    {
        using var site = new TemplateSite(("loop.html", "{{ while true }}x{{ end }}"), ("big.html", "{{ for i in 1..100 }}0123456789{{ end }}"));
        var app = site.CreateApp();
        app.Templates.OutputLimit = 500;

        Should.Throw<TemplateException>(() => app.Templates.Render("loop.html")).Message.ShouldContain("limit");
        Should.Throw<TemplateException>(() => app.Templates.Render("big.html")).Message.ShouldContain("limit");
        app.Templates.OutputLimit = 2000;
        app.Templates.Render("big.html").Length.ShouldBe(1000);
    }
}
