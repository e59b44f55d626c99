using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.StaticFiles;

/// <summary>The static folder through the pipeline (the in-memory test client); the wire is covered by the socket tests below.</summary>
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

/// <summary>The static folder over a real socket: what HttpListener does to raw targets, and streaming a big file.</summary>
public class StaticFolderOverTheWireTests
{
    [Theory]
    [MemberData(nameof(StaticFolderTests.WaysOut), MemberType = typeof(StaticFolderTests))]
    public async Task Nothing_outside_the_folder_is_served_to_raw_targets_on_the_wire(string target)
    {
        // HttpListener parses the raw request line itself (it may answer 400 before the app): the same ways out,
        // sent byte for byte, must not leak either.
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var response = await RawHttp.SendAsync(s.Port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.Status(response).ShouldBeOneOf(400, 404, 308);
        if (RawHttp.Status(response) == 308) response.ShouldContain("\r\nLocation: /static/etc/passwd\r\n");
        response.ShouldNotContain("TOP SECRET");
        response.ShouldNotContain("SECRET=hidden");
        response.ShouldNotContain("root:");
    }
}

[Collection(SerialCollection.Name)]
public class LargeFileTests
{
    [Fact]
    public async Task A_large_file_is_streamed_with_flat_memory()
    {
        using var site = new StaticSite();
        var big = Path.Combine(site.Static, "big.bin");
        const long size = 256L * 1024 * 1024;
        using (var f = File.Create(big)) f.SetLength(size); // sparse: instant to create
        await using var s = await LiveServer.StartAsync(site.CreateApp());

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await s.Client.GetAsync("/static/big.bin", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentLength.ShouldBe(size);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0) total += n;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        total.ShouldBe(size);
        // Server and client together allocate a small fraction of the file: it is never held in memory.
        allocated.ShouldBeLessThan(32L * 1024 * 1024);
    }
}
