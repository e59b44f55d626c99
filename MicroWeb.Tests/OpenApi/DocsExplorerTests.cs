namespace MicroWeb.Tests.OpenApi;

/// <summary>/docs serves Swagger UI from files embedded in MicroWeb.OpenApi, pointed at the app's document (through the
/// in-memory test client; the page in a real browser is DocsInBrowserTests).</summary>
public class DocsExplorerTests
{
    private static MicroWebApp App(Action<MicroWeb.OpenApi.OpenApiOptions>? configure = null)
    {
        var app = new MicroWebApp("t");
        app.Get("/hola", () => "hola");
        app.UseOpenApi("Docs test", "1.0", configure);
        return app;
    }

    [Fact]
    public async Task The_page_loads_the_embedded_swagger_ui_and_nothing_from_outside()
    {
        var client = App().TestClient();
        var response = await client.GetAsync("/docs");
        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe("text/html; charset=utf-8");
        var page = response.Text;
        page.ShouldContain("<title>Docs test</title>");
        page.ShouldContain("""<link rel="stylesheet" href="/docs/swagger-ui.css?v=5.35.0">""");
        page.ShouldContain("""<script src="/docs/swagger-ui-bundle.js?v=5.35.0"></script>""");
        page.ShouldContain("""<script src="/docs/swagger-initializer.js"></script>""");
        page.ShouldNotContain("http:");
        page.ShouldNotContain("https:");
        page.ShouldNotContain("<script>"); // no inline script

        var init = await client.GetAsync("/docs/swagger-initializer.js");
        init.ContentType.ShouldBe("text/javascript; charset=utf-8");
        init.Text.ShouldContain("url: \"/openapi.json\"");
        init.Text.ShouldContain("validatorUrl: null");
    }

    [Theory]
    [InlineData("/docs/swagger-ui-bundle.js", "text/javascript; charset=utf-8", 1_000_000, "/*! For license information please see swagger-ui-bundle.js.LICENSE.txt */")]
    [InlineData("/docs/swagger-ui.css", "text/css; charset=utf-8", 100_000, ".swagger-ui")]
    [InlineData("/docs/swagger-ui-bundle.js.LICENSE.txt", "text/plain; charset=utf-8", 1_000, "")]
    public async Task The_assets_come_from_the_package_assembly(string path, string contentType, int minLength, string start)
    {
        var client = App().TestClient();
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe(contentType);
        response.Headers["Cache-Control"].ShouldBe("public, max-age=86400");
        response.Text.Length.ShouldBeGreaterThan(minLength);
        response.Text.ShouldStartWith(start);

        var head = await client.SendAsync("HEAD", path);
        head.StatusCode.ShouldBe(200);
        head.Bytes.ShouldBeEmpty();
    }

    [Fact]
    public void Swagger_ui_is_in_the_package_and_not_in_the_core()
    {
        typeof(MicroWebAppOpenApiExtensions).Assembly.GetManifestResourceNames().ShouldContain("MicroWeb.SwaggerUi.swagger-ui-bundle.js");
        typeof(MicroWebApp).Assembly.GetManifestResourceNames().ShouldNotContain(name => name.Contains("SwaggerUi"));
    }

    [Fact]
    public async Task The_explorer_can_move_and_follows_a_moved_document()
    {
        var app = App(o =>
        {
            o.DocsPath = "/api/explorer/";
            o.DocumentPath = "/api/openapi.json";
        });
        var client = app.TestClient();
        (await client.GetAsync("/api/explorer/")).Text.ShouldContain("/api/explorer/swagger-ui-bundle.js");
        (await client.GetAsync("/api/explorer/swagger-initializer.js")).Text.ShouldContain("\"/api/openapi.json\"");
        (await client.GetAsync("/api/explorer/swagger-ui.css")).StatusCode.ShouldBe(200);
        (await client.GetAsync("/docs")).StatusCode.ShouldBe(404);
        (await OpenApiReading.FetchAsync(app, "/api/openapi.json")).Document.Paths.Keys.ShouldBe(["/hola"]);
    }
}
