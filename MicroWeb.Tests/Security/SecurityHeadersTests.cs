using System.Net;
using MicroWeb.Http;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Security;

/// <summary>The opt-in security headers, /docs's own policy, and the setting that turns the API docs off.</summary>
public class SecurityHeadersTests
{
    [Fact]
    public async Task Nothing_is_added_unless_asked()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Get("/", () => "hola");
        var response = await app.TestClient().GetAsync("/");
        response.Headers["Content-Security-Policy"].ShouldBeNull();
        response.Headers["X-Frame-Options"].ShouldBeNull();
    }

    [Fact]
    public async Task One_line_adds_them_all_and_a_handler_can_set_its_own()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.UseSecurityHeaders();
        app.Get("/", () => "hola");
        app.Get("/own", () => new Response("x") { Headers = { ["Content-Security-Policy"] = "default-src 'none'" } });
        var client = app.TestClient();

        var response = await client.GetAsync("/");
        response.Headers["X-Content-Type-Options"].ShouldBe("nosniff");
        response.Headers["Referrer-Policy"].ShouldBe("strict-origin-when-cross-origin");
        response.Headers["X-Frame-Options"].ShouldBe("DENY");
        response.Headers["Content-Security-Policy"]!.ShouldContain("frame-ancestors 'none'");
        response.Headers["Content-Security-Policy"]!.ShouldContain("default-src 'self'");
        response.Headers["Strict-Transport-Security"].ShouldBeNull(); // plain HTTP: HSTS would be ignored, and wrong
        (await client.GetAsync("/nada")).Headers["X-Frame-Options"].ShouldBe("DENY"); // error pages too
        (await client.GetAsync("/own")).Headers["Content-Security-Policy"].ShouldBe("default-src 'none'");
    }

    [Fact]
    public async Task HSTS_is_sent_on_requests_that_came_over_https()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.UseSecurityHeaders(o => o.ReferrerPolicy = null);
        app.Get("/", () => "hola");
        var request = new Request("GET", "/", new RequestHeaders(new System.Collections.Specialized.NameValueCollection { ["Host"] = "example.org" }), scheme: "https");
        var response = await app.HandleAsync(request);
        response.Headers["Strict-Transport-Security"].ShouldBe("max-age=31536000; includeSubDomains");
        response.Headers["Referrer-Policy"].ShouldBeNull();
        Should.Throw<ArgumentException>(() => new MicroWebApp().UseSecurityHeaders(o => o.ContentSecurityPolicy = "a\r\nb"));
    }

    [Fact]
    public async Task Docs_sends_a_policy_that_fits_Swagger_UI_even_with_the_app_wide_one()
    {
        var app = MicroWeb.Sample.SampleApp.Create([]).App;
        var docs = await app.TestClient().GetAsync("/docs");
        var policy = docs.Headers["Content-Security-Policy"]!;
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldContain("frame-ancestors 'none'");
        docs.Text.ShouldNotContain("<script>"); // every script is a file: no inline script to allow
    }

    [Fact]
    public async Task The_API_docs_can_be_turned_off_by_a_setting()
    {
        var (app, _) = MicroWeb.Sample.SampleApp.Create(["--api-docs", "off"]);
        var client = app.TestClient();
        (await client.GetAsync("/docs")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/openapi.json")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/docs/swagger-ui.css")).StatusCode.ShouldBe(404);
        (await client.GetAsync("/datos/frutas")).StatusCode.ShouldBe(200);

        var (on, _) = MicroWeb.Sample.SampleApp.Create([]);
        (await on.TestClient().GetAsync("/openapi.json")).StatusCode.ShouldBe(200); // on by default
    }
}
