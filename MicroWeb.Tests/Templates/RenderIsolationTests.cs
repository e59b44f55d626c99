using MicroWeb.Templates;

namespace MicroWeb.Tests.Templates;

/// <summary>
/// Renders on one thread reuse Scriban's context for speed; nothing of one render may show in the next: variables,
/// captures, layouts, output, limits, or the wreckage of a render that failed.
/// </summary>
public sealed class RenderIsolationTests
{
    [Fact]
    public void Variables_and_captures_of_one_render_are_gone_in_the_next()
    {
        using var site = new TemplateSite(
            ("set.html", "{{ secreto = nombre }}{{ capture bloque }}<b>{{ nombre }}</b>{{ end }}ok"),
            ("read.html", "[{{ secreto }}][{{ bloque }}][{{ nombre }}]"));
        var templates = site.CreateApp().Templates;

        templates.Render("set.html", new { nombre = "Ana" }).ShouldBe("ok");
        templates.Render("read.html").ShouldBe("[][][]");
        // In debug mode the leftover would be an error rather than a blank: it must not be found at all.
        var debug = site.CreateApp(debug: true).Templates;
        debug.Render("set.html", new { nombre = "Ana" }).ShouldBe("ok");
        Should.Throw<TemplateException>(() => debug.Render("read.html", new { nombre = "x" })).Message.ShouldContain("secreto");
    }

    [Fact]
    public void A_page_without_a_layout_does_not_inherit_the_previous_pages_layout()
    {
        using var site = new TemplateSite(
            ("base.html", "<main>{{ block 'content' }}</main>"),
            ("con.html", "{{ extends 'base.html' }}con"),
            ("sin.html", "sin"));
        var templates = site.CreateApp().Templates;

        templates.Render("con.html").ShouldBe("<main>con</main>");
        templates.Render("sin.html").ShouldBe("sin");
        templates.Render("con.html").ShouldBe("<main>con</main>");
    }

    [Fact]
    public void A_failed_render_leaves_nothing_behind_for_the_next()
    {
        using var site = new TemplateSite(
            ("falla.html", "{{ x = 'sobra' }}antes {{ for i in 1..3 }}{{ include 'no-existe.html' }}{{ end }}"),
            ("bien.html", "[{{ x }}]{{ for i in 1..2 }}{{ i }}{{ end }}"));
        var templates = site.CreateApp().Templates;

        Should.Throw<TemplateException>(() => templates.Render("falla.html")).Message.ShouldContain("no-existe.html");
        templates.Render("bien.html").ShouldBe("[]12");
    }

    [Fact]
    public void Output_limits_count_each_render_on_its_own()
    {
        using var site = new TemplateSite(("t.html", "{{ for i in 1..40 }}0123456789{{ end }}"));
        var templates = site.CreateApp().Templates;
        templates.OutputLimit = 500;

        // 400 characters each: many renders together are far over the limit, each alone is under it.
        for (var i = 0; i < 50; i++) templates.Render("t.html").Length.ShouldBe(400);
    }

    [Fact]
    public void Renders_on_many_threads_at_once_see_only_their_own_model()
    {
        using var site = new TemplateSite(("t.html", "{{ n }}-{{ for i in 1..3 }}{{ n }}{{ end }}"));
        var templates = site.CreateApp().Templates;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
            templates.Render("t.html", new { n }).ShouldBe($"{n}-{n}{n}{n}"));
    }

    [Fact]
    public void Two_apps_rendering_on_the_same_thread_keep_their_own_globals()
    {
        using var site = new TemplateSite(("t.html", "{{ sitio }}"));
        var a = site.CreateApp();
        var b = site.CreateApp();
        a.Templates.AddGlobal("sitio", "A");
        b.Templates.AddGlobal("sitio", "B");

        for (var i = 0; i < 3; i++)
        {
            a.Templates.Render("t.html").ShouldBe("A");
            b.Templates.Render("t.html").ShouldBe("B");
        }
    }
}
