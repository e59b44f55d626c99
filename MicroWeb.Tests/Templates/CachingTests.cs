using MicroWeb.Templates;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>Parsed templates are cached and shared; debug mode picks up edits, production reads files once; renders run concurrently.</summary>
public sealed class CachingTests
{
    private static TemplateSite Site() => new(
        ("base.html", "<main>{{ block 'content' }}</main>"),
        ("page.html", "{{ extends 'base.html' }}<p>{{ valor }}</p>{{ include 'parts/pie.html' }}"),
        ("parts/pie.html", "<footer>v1</footer>"));

    private static MicroWebApp CreateApp(TemplateSite site, bool debug)
    {
        var app = site.CreateApp(debug);
        app.Get("/page", ([FromQuery] string valor) => RenderTemplate("page.html", new { valor }));
        return app;
    }

    [Fact]
    public async Task Debug_mode_picks_up_edited_pages_layouts_and_includes_on_the_next_request()
    {
        using var site = Site();
        var client = CreateApp(site, debug: true).TestClient();
        (await client.GetAsync("/page?valor=1")).Text.ShouldBe("<main><p>1</p><footer>v1</footer></main>");

        site.Write("page.html", "{{ extends 'base.html' }}<h1>{{ valor }}</h1>{{ include 'parts/pie.html' }}");
        site.Write("base.html", "<body>{{ block 'content' }}</body>");
        site.Write("parts/pie.html", "<footer>version 2</footer>");

        (await client.GetAsync("/page?valor=2")).Text.ShouldBe("<body><h1>2</h1><footer>version 2</footer></body>");
    }

    [Fact]
    public async Task Debug_mode_reports_a_template_deleted_while_running()
    {
        using var site = Site();
        var app = CreateApp(site, debug: true);
        (await app.TestClient().GetAsync("/page?valor=1")).StatusCode.ShouldBe(200);

        File.Delete(Path.Combine(site.Folder, "parts", "pie.html"));

        Should.Throw<TemplateException>(() => app.Templates.Render("page.html", new { valor = 1 }))
            .Message.ShouldContain(Path.Combine(site.Folder, "parts", "pie.html"));
    }

    [Fact]
    public async Task Production_reads_each_file_once_and_shares_includes_across_renders()
    {
        using var site = Site();
        var app = CreateApp(site, debug: false);
        var client = app.TestClient();
        for (var i = 0; i < 20; i++)
            (await client.GetAsync($"/page?valor={i}")).Text.ShouldBe($"<main><p>{i}</p><footer>v1</footer></main>");

        site.Write("parts/pie.html", "<footer>edited</footer>");
        site.Write("page.html", "changed");

        (await client.GetAsync("/page?valor=x")).Text.ShouldBe("<main><p>x</p><footer>v1</footer></main>");
        app.Templates.Cache.FileReads.ShouldBe(3);
    }

    [Fact]
    public void Clearing_the_cache_makes_production_read_the_files_again()
    {
        using var site = Site();
        var templates = site.CreateApp().Templates;
        templates.Render("page.html", new { valor = 1 });
        site.Write("parts/pie.html", "<footer>v2</footer>");

        templates.ClearCache();

        templates.Render("page.html", new { valor = 1 }).ShouldBe("<main><p>1</p><footer>v2</footer></main>");
    }

    [Fact]
    public void A_missing_template_is_not_cached_as_missing()
    {
        using var site = new TemplateSite();
        var templates = site.CreateApp().Templates;
        Should.Throw<TemplateNotFoundException>(() => templates.Render("nuevo.html"));

        site.Write("nuevo.html", "desplegado");

        templates.Render("nuevo.html").ShouldBe("desplegado");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_requests_each_get_their_own_values(bool debug)
    {
        using var site = Site();
        var app = CreateApp(site, debug);

        // All requests start together on pool threads (one client each, as separate browsers), so the first renders
        // race for the cache as they do on a server.
        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => app.TestClient().GetAsync($"/page?valor=v{i}"))));

        for (var i = 0; i < responses.Length; i++)
        {
            responses[i].StatusCode.ShouldBe(200);
            responses[i].Text.ShouldBe($"<main><p>v{i}</p><footer>v1</footer></main>");
        }
        if (!debug) app.Templates.Cache.FileReads.ShouldBe(3);
    }

    [Fact]
    public void Renders_racing_for_a_fresh_cache_read_each_file_once()
    {
        // The very first renders of an app also race to set up the cache itself; a setup that loses must not
        // take the templates it read with it. Threads are released together, on several fresh apps.
        using var site = Site();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var templates = site.CreateApp().Templates;
            using var start = new Barrier(8);
            var pages = new string[8];
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                start.SignalAndWait();
                pages[i] = templates.Render("page.html", new { valor = i });
            });

            pages.ShouldBe(Enumerable.Range(0, 8).Select(i => $"<main><p>{i}</p><footer>v1</footer></main>"));
            templates.Cache.FileReads.ShouldBe(3);
        }
    }

    [Fact]
    public async Task Concurrent_renders_with_layouts_and_captures_do_not_leak_into_each_other()
    {
        using var site = new TemplateSite(
            ("base.html", "<title>{{ block 'title' 'none' }}</title>{{ block 'content' }}"),
            ("page.html", "{{ extends 'base.html' }}{{ if valor | string.ends_with '0' }}{{ capture title }}{{ valor }}{{ end }}{{ end }}<p>{{ valor }}</p>"));
        var templates = site.CreateApp().Templates;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => templates.Render("page.html", new { valor = i.ToString() }))));

        for (var i = 0; i < results.Length; i++)
            results[i].ShouldBe($"<title>{(i % 10 == 0 ? i.ToString() : "none")}</title><p>{i}</p>");
    }
}
