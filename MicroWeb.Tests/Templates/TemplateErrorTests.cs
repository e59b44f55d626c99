using MicroWeb.Http;
using MicroWeb.Templates;
using Microsoft.Extensions.Logging;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Templates;

/// <summary>Template errors name the template, line and column and show the source; production answers a plain 500.</summary>
public sealed class TemplateErrorTests
{
    private const string Broken = "<ul>\n  {{ for p in productos }}\n    <li>{{ p.nombre + }}</li>\n  {{ end }}\n</ul>\n";

    [Fact]
    public void A_syntax_error_names_the_template_line_and_column_and_shows_the_source()
    {
        using var site = new TemplateSite(("lista.html", Broken));

        var error = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("lista.html"));

        error.TemplateName.ShouldBe("lista.html");
        error.Line.ShouldBe(3);
        error.Column.ShouldBeGreaterThan(10);
        error.Message.ShouldStartWith($"Template lista.html, line 3, column {error.Column}: ");
        error.SourceExcerpt.ShouldNotBeNull();
        error.Message.ShouldContain(error.SourceExcerpt);
        error.SourceExcerpt.ShouldContain("> 3 |     <li>{{ p.nombre + }}</li>");
        error.SourceExcerpt.ShouldContain("  1 | <ul>");
        error.SourceExcerpt.ShouldContain("  5 | </ul>");
        // The caret sits under the reported column.
        var caretLine = error.SourceExcerpt.Split('\n').Single(l => l.TrimEnd().EndsWith('^'));
        caretLine.IndexOf('^').ShouldBe("> 3 | ".Length + error.Column - 1);
    }

    [Fact]
    public void A_runtime_error_in_a_helper_keeps_the_cause_and_the_position()
    {
        using var site = new TemplateSite(("t.html", "uno\ndos {{ falla }}"));
        var app = site.CreateApp();
        app.Templates.AddFunction("falla", new Func<string>(() => throw new InvalidOperationException("sin conexión")));

        var error = Should.Throw<TemplateException>(() => app.Templates.Render("t.html"));

        (error.TemplateName, error.Line, error.Column).ShouldBe(("t.html", 2, 8));
        error.InnerException.ShouldBeOfType<InvalidOperationException>();
        error.Message.ShouldContain("sin conexión");
        error.Message.ShouldContain("> 2 | dos {{ falla }}");
    }

    [Fact]
    public void Errors_inside_an_included_template_name_the_included_template()
    {
        using var site = new TemplateSite(
            ("page.html", "{{ include 'parts/a.html' }}{{ include 'parts/b.html' }}"),
            ("parts/a.html", "ok"),
            ("parts/b.html", "\n\n{{ 1 + }}"));

        var syntax = Should.Throw<TemplateException>(() => site.CreateApp().Templates.Render("page.html"));
        (syntax.TemplateName, syntax.Line).ShouldBe(("parts/b.html", 3));

        site.Write("parts/b.html", "\n{{ nada.mas }}");
        var runtime = Should.Throw<TemplateException>(() => site.CreateApp(debug: true).Templates.Render("page.html"));
        (runtime.TemplateName, runtime.Line).ShouldBe(("parts/b.html", 2));
        runtime.Message.ShouldContain("> 2 | {{ nada.mas }}");
    }

    [Fact]
    public void A_missing_template_names_the_path_that_was_searched()
    {
        using var site = new TemplateSite(("page.html", "a\n{{ include 'falta.html' }}"));
        var templates = site.CreateApp().Templates;

        var missing = Should.Throw<TemplateNotFoundException>(() => templates.Render("no/existe.html"));
        missing.SearchedPath.ShouldBe(Path.Combine(site.Folder, "no", "existe.html"));
        missing.Message.ShouldContain(missing.SearchedPath);

        var include = Should.Throw<TemplateException>(() => templates.Render("page.html"));
        (include.TemplateName, include.Line).ShouldBe(("page.html", 2));
        include.Message.ShouldContain(Path.Combine(site.Folder, "falta.html"));
    }

    [Fact]
    public async Task Production_answers_a_plain_500_and_logs_the_template_error()
    {
        using var site = new TemplateSite(("lista.html", Broken));
        var app = site.CreateApp();
        var log = new CapturingLogger();
        app.Logger = log;
        app.Get("/lista", () => RenderTemplate("lista.html", new { productos = Array.Empty<object>() }));
        var response = await app.TestClient().GetAsync("/lista");
        var body = response.Text;

        response.StatusCode.ShouldBe(500);
        body.ShouldNotContain("lista.html");
        body.ShouldNotContain("p.nombre");
        var logged = log.Errors.ShouldHaveSingleItem().ShouldBeOfType<TemplateException>();
        (logged.TemplateName, logged.Line).ShouldBe(("lista.html", 3));
    }

    [Fact]
    public async Task An_http_error_raised_inside_a_template_keeps_its_status()
    {
        using var site = new TemplateSite(("admin.html", "{{ solo_admin }}secreto"));
        var app = site.CreateApp();
        app.Templates.AddFunction("solo_admin", new Func<string>(() => throw new HttpException(403)));
        app.Get("/admin", () => RenderTemplate("admin.html"));
        var response = await app.TestClient().GetAsync("/admin");
        var body = response.Text;

        response.StatusCode.ShouldBe(403);
        body.ShouldNotContain("secreto");
    }

    [Fact]
    public async Task A_malformed_query_read_by_a_template_is_a_400_not_a_500()
    {
        using var site = new TemplateSite(("q.html", "{{ request.query.x }}"));
        var app = site.CreateApp();
        app.Get("/q", () => RenderTemplate("q.html"));

        // %FF is not UTF-8: reading request.query raises the framework's 400, which the template must not turn into a 500.
        (await app.TestClient().GetAsync("/q?x=%FF")).StatusCode.ShouldBe(400);
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<Exception> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
                lock (Errors) Errors.Add(exception);
        }
    }
}
