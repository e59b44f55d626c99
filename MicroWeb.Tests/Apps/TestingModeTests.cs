using MicroWeb.Tests.Templates;

namespace MicroWeb.Tests.Apps;

/// <summary>Flask's TESTING: the test sees the real exception, not a 500 page.</summary>
public class TestingModeTests
{
    private sealed class Broken : Exception
    {
        public Broken() : base("the real cause") { }
    }

    private static void DeepInTheApp() => throw new Broken();

    [Fact]
    public async Task An_unhandled_exception_reaches_the_test_with_its_stack_trace_after_teardown()
    {
        var app = new MicroWebApp { Config = { Testing = true } };
        Exception? tornDownWith = null;
        app.Teardown((c, e) => tornDownWith = e);
        app.Get("/", string () => { DeepInTheApp(); return ""; });
        var error = await Should.ThrowAsync<Broken>(() => app.TestClient().GetAsync("/"));
        error.StackTrace!.ShouldContain(nameof(DeepInTheApp));
        tornDownWith.ShouldBeSameAs(error);
    }

    [Fact]
    public async Task Handled_exceptions_and_http_errors_still_become_responses()
    {
        var app = new MicroWebApp { Config = { Testing = true } };
        app.Get("/handled", string () => throw new Broken());
        app.ErrorHandler<Broken>(() => ("handled", 409));
        app.Get("/abort", () => Web.Abort(404));
        var client = app.TestClient();
        (await client.GetAsync("/handled")).StatusCode.ShouldBe(409);
        (await client.GetAsync("/abort")).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task A_template_error_names_the_template_and_line()
    {
        using var site = new TemplateSite(("page.html", "ok\n{{ for }}"));
        var app = site.CreateApp();
        app.Config.Testing = true;
        app.Get("/", () => Web.RenderTemplate("page.html"));
        var error = await Should.ThrowAsync<TemplateException>(() => app.TestClient().GetAsync("/"));
        error.Message.ShouldContain("page.html");
        error.Message.ShouldContain("line 2");
    }

    [Fact]
    public async Task Without_testing_mode_the_client_gets_the_500_page()
    {
        var app = new MicroWebApp { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        app.Get("/", string () => throw new Broken());
        (await app.TestClient().GetAsync("/")).StatusCode.ShouldBe(500);
        app.Config.PropagateExceptions = true;
        await Should.ThrowAsync<Broken>(() => app.TestClient().GetAsync("/"));
    }
}
