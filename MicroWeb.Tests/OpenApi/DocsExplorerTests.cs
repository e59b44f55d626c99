using System.Net;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.OpenApi;

/// <summary>/docs serves Swagger UI from files embedded in the assembly, pointed at the app's document.</summary>
public class DocsExplorerTests
{
    private static async Task<LiveServer> StartAsync(Action<MicroWeb.OpenApi.OpenApiOptions>? configure = null)
    {
        var app = new MicroWebApp("t");
        app.Get("/hola", () => "hola");
        app.UseOpenApi("Docs test", "1.0", configure);
        return await LiveServer.StartAsync(app);
    }

    [Fact]
    public async Task The_page_loads_the_embedded_swagger_ui_and_nothing_from_outside()
    {
        await using var s = await StartAsync();
        var (status, page, response) = await s.GetAsync("/docs");
        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        page.ShouldContain("<title>Docs test</title>");
        page.ShouldContain("""<link rel="stylesheet" href="/docs/swagger-ui.css?v=5.35.0">""");
        page.ShouldContain("""<script src="/docs/swagger-ui-bundle.js?v=5.35.0"></script>""");
        page.ShouldContain("""<script src="/docs/swagger-initializer.js"></script>""");
        page.ShouldNotContain("http:");
        page.ShouldNotContain("https:");
        page.ShouldNotContain("<script>"); // no inline script

        var init = await s.Client.GetAsync("/docs/swagger-initializer.js");
        init.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var script = await init.Content.ReadAsStringAsync();
        script.ShouldContain("url: \"/openapi.json\"");
        script.ShouldContain("validatorUrl: null");
    }

    [Theory]
    [InlineData("/docs/swagger-ui-bundle.js", "text/javascript", 1_000_000, "/*! For license information please see swagger-ui-bundle.js.LICENSE.txt */")]
    [InlineData("/docs/swagger-ui.css", "text/css", 100_000, ".swagger-ui")]
    [InlineData("/docs/swagger-ui-bundle.js.LICENSE.txt", "text/plain", 1_000, "")]
    public async Task The_assets_come_from_the_assembly(string path, string mediaType, int minLength, string start)
    {
        await using var s = await StartAsync();
        var response = await s.Client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        response.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(1));
        var body = await response.Content.ReadAsStringAsync();
        body.Length.ShouldBeGreaterThan(minLength);
        body.ShouldStartWith(start);

        var head = await s.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_explorer_can_move_and_follows_a_moved_document()
    {
        await using var s = await StartAsync(o =>
        {
            o.DocsPath = "/api/explorer/";
            o.DocumentPath = "/api/openapi.json";
        });
        var page = await s.Client.GetStringAsync("/api/explorer/");
        page.ShouldContain("/api/explorer/swagger-ui-bundle.js");
        (await s.Client.GetStringAsync("/api/explorer/swagger-initializer.js")).ShouldContain("\"/api/openapi.json\"");
        (await s.Client.GetAsync("/api/explorer/swagger-ui.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Client.GetAsync("/docs")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OpenApiReading.FetchAsync(s, "/api/openapi.json")).Document.Paths.Keys.ShouldBe(["/hola"]);
    }
}
