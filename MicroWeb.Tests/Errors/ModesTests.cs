using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Errors;

public class ModesTests
{
    private static void Fail(string secret) =>
        throw new InvalidOperationException($"outer {secret}", new FormatException("inner cause"));

    private static MicroWebApp Failing(CapturingLogger log, bool debug)
    {
        var app = new MicroWebApp("t") { Logger = log, Debug = debug };
        app.Get("/boom", string () => { Fail("s3cr3t-connection-string"); return ""; });
        return app;
    }

    [Fact]
    public async Task Production_500_leaks_nothing_and_logs_with_the_request_id()
    {
        var log = new CapturingLogger();
        var response = await Failing(log, debug: false).TestClient().GetAsync("/boom");
        var body = response.Text;

        response.StatusCode.ShouldBe(500);
        foreach (var leak in new[] { "s3cr3t", "InvalidOperationException", "FormatException", "inner cause", "ModesTests", ".cs", "/work/", "   at " })
            body.ShouldNotContain(leak);
        var id = response.Headers["X-Request-Id"];
        id.ShouldNotBeNullOrWhiteSpace();
        log.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains(id) && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Debug_page_shows_the_exception_chain_frames_source_and_masked_request()
    {
        var response = await Failing(new CapturingLogger(), debug: true).TestClient().GetAsync("/boom?x=1", new Dictionary<string, string>
        {
            ["Host"] = "127.0.0.1:5000",
            ["Authorization"] = "Bearer top-secret-token",
            ["Cookie"] = "session=cookie-secret",
            ["X-Visible"] = "shown-value",
        });
        var body = response.Text;

        response.StatusCode.ShouldBe(500);
        body.ShouldContain("System.InvalidOperationException");
        body.ShouldContain("outer s3cr3t-connection-string");
        body.ShouldContain("Caused by: System.FormatException");
        body.ShouldContain("inner cause");
        body.ShouldContain("ModesTests.cs, line");                          // frame with file and line
        body.ShouldContain("throw new InvalidOperationException($&quot;outer {secret}&quot;"); // the source line itself
        body.ShouldContain("GET http://127.0.0.1:");
        body.ShouldContain("shown-value");
        body.ShouldNotContain("top-secret-token");
        body.ShouldNotContain("cookie-secret");
        body.ShouldContain("(masked)");
    }

    [Fact]
    public void Settings_come_from_code_then_environment_then_flags()
    {
        var config = new AppConfig { Port = 1111, Host = "0.0.0.0" };
        var env = new Dictionary<string, string> { ["MICROWEB_PORT"] = "2222", ["MICROWEB_DEBUG"] = "true", ["MICROWEB_MAX_CONTENT_LENGTH"] = "1024" };
        var rest = config.Load(["--port", "3333", "routes", "--static-url-path=/s"], name => env.GetValueOrDefault(name));

        config.Port.ShouldBe(3333);          // flag beats environment
        config.Debug.ShouldBeTrue();         // environment beats code
        config.MaxContentLength.ShouldBe(1024);
        config.Host.ShouldBe("0.0.0.0");     // code value kept
        config.StaticUrlPath.ShouldBe("/s");
        rest.ShouldBe(["routes"]);
        Should.Throw<ArgumentException>(() => new AppConfig().Load(["--port", "abc"], _ => null)).Message.ShouldContain("abc");
    }

    [Fact]
    public void Debug_set_to_false_in_code_is_not_turned_on_by_the_environment_or_a_flag()
    {
        var env = new Dictionary<string, string> { ["MICROWEB_DEBUG"] = "1" };
        var off = new AppConfig { Debug = false };
        off.Load(["--debug"], name => env.GetValueOrDefault(name));
        off.Debug.ShouldBeFalse();

        var app = new MicroWebApp { Debug = false };
        app.Config.Load(["--debug=true"], name => env.GetValueOrDefault(name));
        app.Debug.ShouldBeFalse();

        // Unset in code, the environment decides; and it may always turn debug off.
        var unset = new AppConfig();
        unset.Load([], name => env.GetValueOrDefault(name));
        unset.Debug.ShouldBeTrue();
        var on = new AppConfig { Debug = true };
        on.Load([], name => name == "MICROWEB_DEBUG" ? "0" : null);
        on.Debug.ShouldBeFalse();
    }
}

public class TemplateErrorPageTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Debug_page_shows_where_a_template_failed_and_production_hides_it(bool debug)
    {
        using var site = new MicroWeb.Tests.Templates.TemplateSite(("roto.html", "<p>uno</p>\n<p>{{ for x in }}</p>\n"));
        var app = site.CreateApp(debug);
        app.Get("/roto", () => app.RenderTemplate("roto.html", new { }));
        var page = await app.TestClient().GetAsync("/roto");
        page.StatusCode.ShouldBe(500);
        if (debug)
        {
            page.Text.ShouldContain("roto.html");
            page.Text.ShouldContain("line 2");
            page.Text.ShouldContain("{{ for x in }}");
        }
        else
        {
            page.Text.ShouldNotContain("roto.html");
            page.Text.ShouldNotContain("for x in");
        }
    }
}
