using System.Net;
using System.Net.Http.Headers;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.StaticFiles;

public class StaticFolderTests
{
    [Fact]
    public async Task Files_are_served_with_type_length_validators_and_nosniff()
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var response = await s.Client.GetAsync("/static/style.css");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/css; charset=utf-8");
        response.Content.Headers.ContentLength.ShouldBe(20);
        response.Headers.ETag.ShouldNotBeNull();
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.CacheControl!.ToString().ShouldContain("max-age=3600");
        (await response.Content.ReadAsStringAsync()).ShouldBe("body { color: red; }");
        (await s.GetAsync("/static/datos.bin")).Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        (await s.GetAsync("/static/%C3%B1and%C3%BA%20%C3%BC.txt")).Body.ShouldBe("unicode name");
    }

    [Fact]
    public async Task The_static_endpoint_builds_urls_in_code()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Get("/link", () => app.UrlFor("static", new { filename = "docs/a b.css" }));
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/link")).Body.ShouldBe("/static/docs/a%20b.css");
    }

    [Fact]
    public async Task The_static_endpoint_builds_urls_in_templates()
    {
        using var site = new StaticSite();
        Directory.CreateDirectory(Path.Combine(site.Root, "templates"));
        File.WriteAllText(Path.Combine(site.Root, "templates", "p.html"), "<link href=\"{{ url_for('static', {filename: 'style.css'}) }}\">");
        var app = site.CreateApp();
        app.Get("/p", () => app.RenderTemplate("p.html", new { }));
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/p")).Body.ShouldBe("<link href=\"/static/style.css\">");
    }

    [Fact]
    public async Task Folders_answer_with_their_index_and_the_url_path_is_configurable()
    {
        using var site = new StaticSite();
        var app = site.CreateApp("/");
        app.Get("/api", () => "route wins");
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/")).Body.ShouldBe("<h1>site</h1>");
        (await s.GetAsync("/docs/")).Body.ShouldBe("<h1>docs</h1>");
        var redirect = await s.GetAsync("/docs");
        redirect.Status.ShouldBe(HttpStatusCode.PermanentRedirect);
        redirect.Response.Headers.Location!.OriginalString.ShouldBe("/docs/");
        (await s.GetAsync("/style.css")).Body.ShouldBe("body { color: red; }");
        (await s.GetAsync("/api")).Body.ShouldBe("route wins");
    }

    [Fact]
    public async Task Serving_can_be_turned_off()
    {
        using var site = new StaticSite();
        var app = site.CreateApp();
        app.Config.StaticFolder = null;
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/static/style.css")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/static/../secret.txt")]
    [InlineData("/static/..%2fsecret.txt")]
    [InlineData("/static/%2e%2e/secret.txt")]
    [InlineData("/static/%2e%2e%2fsecret.txt")]
    [InlineData("/static/%252e%252e%252fsecret.txt")]
    [InlineData("/static/..%5csecret.txt")]
    [InlineData("/static/docs/..%2f..%2fsecret.txt")]
    [InlineData("/static/%2fetc%2fpasswd")]
    [InlineData("/static//etc/passwd")]
    [InlineData("/static/C:%5cWindows")]
    [InlineData("/static/style.css%00.png")]
    [InlineData("/static/escape.txt")]
    [InlineData("/static/up/secret.txt")]
    [InlineData("/static/.env")]
    public async Task Nothing_outside_the_folder_is_ever_served(string target)
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var response = await RawHttp.SendAsync(s.Port, $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        // "/static//etc/passwd" (also spelled with %2f) redirects to "/static/etc/passwd", as merge_slashes does in
        // Flask: still inside the folder, where no such file is. ("." and ".." segments are removed before routing:
        // RoutingThroughTheAppTests.Dot_segments_are_removed_before_routing_and_never_leave_the_static_folder.)
        RawHttp.Status(response).ShouldBeOneOf(400, 404, 308);
        if (RawHttp.Status(response) == 308) response.ShouldContain("\r\nLocation: /static/etc/passwd\r\n");
        response.ShouldNotContain("TOP SECRET");
        response.ShouldNotContain("SECRET=hidden");
        response.ShouldNotContain("root:");
    }

    [Fact]
    public async Task A_symbolic_link_that_stays_inside_is_served()
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        (await s.GetAsync("/static/inside.css")).Body.ShouldBe("body { color: red; }");
    }

    [Fact]
    public async Task Conditional_get_answers_304()
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var first = await s.Client.GetAsync("/static/style.css");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        var byTag = new HttpRequestMessage(HttpMethod.Get, "/static/style.css");
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await s.Client.SendAsync(byTag);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/static/style.css");
        byDate.Headers.IfModifiedSince = lastModified;
        (await s.Client.SendAsync(byDate)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/static/style.css");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        (await s.Client.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A malformed date is ignored, not an error.
        var raw = await RawHttp.SendAsync(s.Port, "GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-Modified-Since: yesterday-ish\r\nConnection: close\r\n\r\n");
        RawHttp.Status(raw).ShouldBe(200);
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
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var raw = await RawHttp.SendAsync(s.Port, $"GET /static/datos.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: {range}\r\nConnection: close\r\n\r\n");
        RawHttp.Status(raw).ShouldBe(status);
        if (body is not null) raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].ShouldBe(body);
        if (contentRange is not null) raw.ShouldContain($"Content-Range: {contentRange}\r\n");
    }

    [Fact]
    public async Task If_range_with_a_stale_validator_sends_the_whole_file()
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var etag = (await s.Client.GetAsync("/static/datos.bin")).Headers.ETag!.Tag;
        var fresh = await RawHttp.SendAsync(s.Port, $"GET /static/datos.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-1\r\nIf-Range: {etag}\r\nConnection: close\r\n\r\n");
        RawHttp.Status(fresh).ShouldBe(206);
        var stale = await RawHttp.SendAsync(s.Port, "GET /static/datos.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-1\r\nIf-Range: \"old\"\r\nConnection: close\r\n\r\n");
        RawHttp.Status(stale).ShouldBe(200);
    }

    [Fact]
    public async Task Head_gives_the_headers_without_the_body()
    {
        using var site = new StaticSite();
        await using var s = await LiveServer.StartAsync(site.CreateApp());
        var head = await s.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/static/datos.bin"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.ShouldBe(20);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
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
