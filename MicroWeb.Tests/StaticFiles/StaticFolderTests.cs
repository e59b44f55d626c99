namespace MicroWeb.Tests.StaticFiles;

/// <summary>The static folder through the pipeline (the in-memory test client); what only the wire shows is in StaticFolderOverTheWireTests.</summary>
public class StaticFolderTests
{
    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    [Fact]
    public async Task Files_are_served_with_type_length_validators_and_nosniff()
    {
        using var site = new StaticSite();
        var client = site.CreateApp().TestClient();
        var response = await client.GetAsync("/static/style.css");
        response.StatusCode.ShouldBe(200);
        response.ContentType.ShouldBe("text/css; charset=utf-8");
        response.ContentLength.ShouldBe(20);
        response.Headers["ETag"].ShouldNotBeNull();
        response.Headers["Last-Modified"].ShouldNotBeNull();
        response.Headers["X-Content-Type-Options"].ShouldBe("nosniff");
        response.Headers["Cache-Control"]!.ShouldContain("max-age=3600");
        response.Text.ShouldBe("body { color: red; }");
        (await client.GetAsync("/static/datos.bin")).ContentType.ShouldBe("application/octet-stream");
        (await client.GetAsync("/static/%C3%B1and%C3%BA%20%C3%BC.txt")).Text.ShouldBe("unicode name");
    }

    [Theory]
    [InlineData("/static/style.css/")]
    [InlineData("/static/docs/index.html/")]
    [InlineData("/static/inside.css/")]
    public async Task A_file_asked_for_as_a_folder_is_404_not_a_broken_200(string path)
    {
        using var site = new StaticSite();
        var client = site.CreateApp().TestClient();
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(404);
        response.ContentType!.ShouldStartWith("text/html");
        (await client.GetAsync("/static/style.css")).StatusCode.ShouldBe(200); // the app is fine afterwards
    }

    [Fact]
    public async Task The_static_endpoint_builds_urls_in_code()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Get("/link", () => app.UrlFor("static", new { filename = "docs/a b.css" }));
        (await app.TestClient().GetAsync("/link")).Text.ShouldBe("/static/docs/a%20b.css");
    }

    [Fact]
    public async Task The_static_endpoint_builds_urls_in_templates()
    {
        using var site = new StaticSite();
        Directory.CreateDirectory(Path.Combine(site.Root, "templates"));
        File.WriteAllText(Path.Combine(site.Root, "templates", "p.html"), "<link href=\"{{ url_for('static', {filename: 'style.css'}) }}\">");
        var app = site.CreateApp();
        app.Get("/p", () => app.RenderTemplate("p.html", new { }));
        (await app.TestClient().GetAsync("/p")).Text.ShouldBe("<link href=\"/static/style.css\">");
    }

    [Fact]
    public async Task Folders_answer_with_their_index_and_the_url_path_is_configurable()
    {
        using var site = new StaticSite();
        var app = site.CreateApp("/");
        app.Get("/api", () => "route wins");
        var client = app.TestClient();
        (await client.GetAsync("/")).Text.ShouldBe("<h1>site</h1>");
        (await client.GetAsync("/docs/")).Text.ShouldBe("<h1>docs</h1>");
        var redirect = await client.GetAsync("/docs");
        redirect.StatusCode.ShouldBe(308);
        redirect.Location.ShouldBe("/docs/");
        (await client.GetAsync("/style.css")).Text.ShouldBe("body { color: red; }");
        (await client.GetAsync("/api")).Text.ShouldBe("route wins");
    }

    [Fact]
    public async Task Serving_can_be_turned_off()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Config.StaticFolder = null;
        (await app.TestClient().GetAsync("/static/style.css")).StatusCode.ShouldBe(404);
    }

    /// <summary>Ways out of the folder: encoded dots and slashes, backslashes, absolute paths, NUL, symbolic links, dotfiles.</summary>
    public static TheoryData<string> WaysOut =>
    [
        "/static/../secret.txt",
        "/static/..%2fsecret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2e%2e%2fsecret.txt",
        "/static/%252e%252e%252fsecret.txt",
        "/static/..%5csecret.txt",
        "/static/docs/..%2f..%2fsecret.txt",
        "/static/%2fetc%2fpasswd",
        "/static//etc/passwd",
        "/static/C:%5cWindows",
        "/static/style.css%00.png",
        "/static/escape.txt",
        "/static/up/secret.txt",
        "/static/.env",
    ];

    [Theory]
    [MemberData(nameof(WaysOut))]
    public async Task Nothing_outside_the_folder_is_ever_served(string target)
    {
        using var site = new StaticSite();
        var response = await site.CreateApp().TestClient().GetAsync(target);
        // "/static//etc/passwd" (also spelled with %2f) redirects to "/static/etc/passwd", as merge_slashes does in
        // Flask: still inside the folder, where no such file is. ("." and ".." segments are removed before routing:
        // RoutingThroughTheAppTests.Dot_segments_are_removed_before_routing_and_never_leave_the_static_folder.)
        response.StatusCode.ShouldBeOneOf(400, 404, 308);
        if (response.StatusCode == 308) response.Location.ShouldBe("/static/etc/passwd");
        var seen = string.Join("\n", response.Headers.Select(h => h.Value)) + response.Text;
        seen.ShouldNotContain("TOP SECRET");
        seen.ShouldNotContain("SECRET=hidden");
        seen.ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_symbolic_link_that_stays_inside_is_served()
    {
        using var site = new StaticSite();
        (await site.CreateApp().TestClient().GetAsync("/static/inside.css")).Text.ShouldBe("body { color: red; }");
    }

    [Fact]
    public async Task Conditional_get_answers_304()
    {
        using var site = new StaticSite();
        var client = site.CreateApp().TestClient();
        var first = await client.GetAsync("/static/style.css");
        var etag = first.Headers["ETag"]!;
        var lastModified = first.Headers["Last-Modified"]!;

        var notModified = await client.GetAsync("/static/style.css", Header("If-None-Match", etag));
        notModified.StatusCode.ShouldBe(304);
        notModified.Bytes.ShouldBeEmpty();

        (await client.GetAsync("/static/style.css", Header("If-Modified-Since", lastModified))).StatusCode.ShouldBe(304);
        (await client.GetAsync("/static/style.css", Header("If-None-Match", "\"other\""))).StatusCode.ShouldBe(200);
        // A malformed date is ignored, not an error.
        (await client.GetAsync("/static/style.css", Header("If-Modified-Since", "yesterday-ish"))).StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData("bytes=0-3", 206, "0123", "bytes 0-3/20")]
    [InlineData("bytes=16-", 206, "ghij", "bytes 16-19/20")]
    [InlineData("bytes=-2", 206, "ij", "bytes 18-19/20")]
    [InlineData("bytes=10-100", 206, "abcdefghij", "bytes 10-19/20")]
    [InlineData("bytes=20-", 416, null, "bytes */20")] // its body is the error page: see RoutingThroughTheAppTests
    [InlineData("bytes=5-2", 200, "0123456789abcdefghij", null)]
    [InlineData("bytes=abc", 200, "0123456789abcdefghij", null)]
    [InlineData("bytes=0-1,4-5", 200, "0123456789abcdefghij", null)]
    [InlineData("lines=0-1", 200, "0123456789abcdefghij", null)]
    public async Task Ranges_give_206_416_or_the_whole_file(string range, int status, string? body, string? contentRange)
    {
        using var site = new StaticSite();
        var response = await site.CreateApp().TestClient().GetAsync("/static/datos.bin", Header("Range", range));
        response.StatusCode.ShouldBe(status);
        if (body is not null) response.Text.ShouldBe(body);
        if (contentRange is not null) response.Headers["Content-Range"].ShouldBe(contentRange);
    }

    [Fact]
    public async Task If_range_with_a_stale_validator_sends_the_whole_file()
    {
        using var site = new StaticSite();
        var client = site.CreateApp().TestClient();
        var etag = (await client.GetAsync("/static/datos.bin")).Headers["ETag"]!;
        (await client.GetAsync("/static/datos.bin", new Dictionary<string, string> { ["Range"] = "bytes=0-1", ["If-Range"] = etag })).StatusCode.ShouldBe(206);
        (await client.GetAsync("/static/datos.bin", new Dictionary<string, string> { ["Range"] = "bytes=0-1", ["If-Range"] = "\"old\"" })).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Head_gives_the_headers_without_the_body()
    {
        using var site = new StaticSite();
        var head = await site.CreateApp().TestClient().SendAsync("HEAD", "/static/datos.bin");
        head.StatusCode.ShouldBe(200);
        head.ContentLength.ShouldBe(20);
        head.Bytes.ShouldBeEmpty();
    }
}
