using System.IO.Compression;
using System.Net;
using System.Text;
using MicroWeb.Compression;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Compression;

/// <summary>
/// Brotli and gzip by Accept-Encoding for compressible bodies above the threshold, with Vary; never for ranges,
/// small bodies or already-compressed types; precompressed static files served when present.
/// </summary>
public sealed class CompressionTests : IDisposable
{
    private static readonly string LargeText = string.Concat(Enumerable.Range(0, 200).Select(i => $"<p>line {i} of a page</p>\n"));
    private readonly string _root = Path.Combine(Path.GetTempPath(), "microweb-compression-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static Dictionary<string, string> Accepting(string codings) => new() { ["Accept-Encoding"] = codings };

    private static string Decode(byte[] bytes, string? coding)
    {
        using Stream input = coding switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private MicroWebApp App(CompressionOptions? options = null)
    {
        var app = new MicroWebApp("t").UseCompression(options);
        app.Get("/page", () => LargeText);
        app.Get("/small", () => "<p>short</p>");
        app.Get("/photo", () => new Response(Encoding.UTF8.GetBytes(LargeText), 200, "image/jpeg"));
        app.Get("/data", () => Enumerable.Range(0, 300).Select(i => new { Id = i, Name = "item " + i }));
        return app;
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("*, br;q=0", "gzip")]
    [InlineData("identity", null)]
    [InlineData("gzip;q=bogus", null)]
    public async Task The_coding_follows_accept_encoding_and_its_q_values(string header, string? expected)
    {
        var response = await App().TestClient().GetAsync("/page", Accepting(header));

        response.Headers["Content-Encoding"].ShouldBe(expected);
        response.Headers["Vary"].ShouldBe("Accept-Encoding");
        Decode(response.Bytes, expected).ShouldBe(LargeText);
        if (expected is not null) response.Bytes.Length.ShouldBeLessThan(Encoding.UTF8.GetByteCount(LargeText) / 4);
    }

    [Fact]
    public async Task Small_bodies_and_compressed_types_are_sent_as_they_are()
    {
        var client = App().TestClient();

        var small = await client.GetAsync("/small", Accepting("br, gzip"));
        small.Headers["Content-Encoding"].ShouldBeNull();
        small.Headers["Vary"].ShouldBeNull();
        (await client.GetAsync("/photo", Accepting("br, gzip"))).Headers["Content-Encoding"].ShouldBeNull();
        var json = await client.GetAsync("/data", Accepting("gzip"));
        json.Headers["Content-Encoding"].ShouldBe("gzip");
        Decode(json.Bytes, "gzip").ShouldStartWith("""[{"id":0,"name":"item 0"}""");
    }

    [Fact]
    public async Task An_app_without_compression_sends_bodies_as_they_are()
    {
        var app = new MicroWebApp("t");
        app.Get("/page", () => LargeText);
        var response = await app.TestClient().GetAsync("/page", Accepting("br, gzip"));
        response.Headers["Content-Encoding"].ShouldBeNull();
        response.Headers["Vary"].ShouldBeNull();
    }

    private MicroWebApp StaticApp(string name, string content, bool precompressed)
    {
        var folder = Path.Combine(_root, "static");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), content);
        if (precompressed)
        {
            File.WriteAllBytes(Path.Combine(folder, name + ".br"), [0xB0, 0x0B]); // recognisable, not the real encoding
            File.WriteAllBytes(Path.Combine(folder, name + ".gz"), [0x6A, 0x6A]);
        }
        var app = new MicroWebApp("t").UseCompression();
        app.Config.ContentRoot = _root;
        return app;
    }

    [Fact]
    public async Task Precompressed_siblings_of_static_files_are_served_when_accepted()
    {
        var client = StaticApp("style.css", "body { color: red; }", precompressed: true).TestClient();

        var br = await client.GetAsync("/static/style.css", Accepting("gzip, br"));
        br.Headers["Content-Encoding"].ShouldBe("br");
        br.Bytes.ShouldBe(new byte[] { 0xB0, 0x0B });
        br.ContentType.ShouldBe("text/css; charset=utf-8");
        br.Headers["Vary"].ShouldBe("Accept-Encoding");
        var gzip = await client.GetAsync("/static/style.css", Accepting("gzip"));
        gzip.Bytes.ShouldBe(new byte[] { 0x6A, 0x6A });
        var plain = await client.GetAsync("/static/style.css");
        plain.Text.ShouldBe("body { color: red; }");
        plain.Headers["Content-Encoding"].ShouldBeNull();
        plain.Headers["Vary"].ShouldBe("Accept-Encoding");
    }

    [Fact]
    public async Task Ranges_stay_uncompressed_and_revalidation_still_answers_304()
    {
        var client = StaticApp("page.html", LargeText, precompressed: false).TestClient();

        var full = await client.GetAsync("/static/page.html", Accepting("gzip"));
        full.Headers["Content-Encoding"].ShouldBe("gzip");
        full.Headers["Accept-Ranges"].ShouldBeNull();
        var etag = full.Headers["ETag"]!;
        etag.ShouldStartWith("W/\""); // another representation than the file's bytes

        var range = await client.GetAsync("/static/page.html", new Dictionary<string, string> { ["Accept-Encoding"] = "gzip", ["Range"] = "bytes=0-9" });
        range.StatusCode.ShouldBe(206);
        range.Headers["Content-Encoding"].ShouldBeNull();
        range.Text.ShouldBe(LargeText[..10]);

        var revalidated = await client.GetAsync("/static/page.html", new Dictionary<string, string> { ["Accept-Encoding"] = "gzip", ["If-None-Match"] = etag });
        revalidated.StatusCode.ShouldBe(304);
    }

    [Fact]
    public async Task A_large_file_is_compressed_on_the_wire_and_arrives_whole()
    {
        var content = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i}\n")); // over the small-file cache
        var app = StaticApp("big.txt", content, precompressed: false);
        await using var server = await LiveServer.StartAsync(app);
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "/static/big.txt"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBeEmpty(); // removed by the decompressing handler...
        (await response.Content.ReadAsStringAsync()).ShouldBe(content); // ...which got Brotli and decoded it whole

        var raw = await RawHttp.SendAsync(server.Port, "GET /static/big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
        raw.ShouldContain("Content-Encoding: br\r\n");
        raw.Length.ShouldBeLessThan(content.Length / 4);
    }
}
