using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Forms;

/// <summary>MaxFormMemorySize and MaxFormParts (413), uploads spooled to disk and deleted, multipart corner cases.</summary>
public class FormLimitsTests
{
    private static MicroWebApp App(Action<AppConfig>? configure = null)
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        configure?.Invoke(app.Config);
        app.Post("/form", async (Request r) => $"{(await r.ReadFormAsync()).Count} fields");
        app.Post("/files", async (Request r) => string.Join(",", (await r.ReadFilesAsync()).Select(f => $"{f.FileName}:{f.Length}")));
        return app;
    }

    private static Task<TestResponse> PostForm(MicroWebApp app, string body) =>
        app.TestClient().PostAsync("/form", body);

    private static (byte[] Body, string ContentType) Multipart(params (string Name, string? FileName, byte[] Content)[] parts)
    {
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, fileName, content) in parts)
        {
            Write($"--B\r\nContent-Disposition: form-data; name=\"{name}\"" + (fileName is null ? "" : $"; filename=\"{fileName}\"") + "\r\n\r\n");
            body.Write(content);
            Write("\r\n");
        }
        Write("--B--\r\n");
        return (body.ToArray(), "multipart/form-data; boundary=B");
    }

    [Fact]
    public async Task An_urlencoded_form_of_a_million_empty_fields_is_413_at_the_first_field_past_the_limit()
    {
        var response = await PostForm(App(), string.Concat(Enumerable.Repeat("a&", 1_000_000)));
        response.StatusCode.ShouldBe(413);
        response.Text.ShouldContain("MaxFormParts");
        response.Headers["Connection"].ShouldBe("close");
        (await PostForm(App(), string.Join("&", Enumerable.Range(0, 1000).Select(i => $"f{i}=v")))).Text.ShouldBe("1000 fields");
    }

    [Fact]
    public async Task An_urlencoded_form_over_MaxFormMemorySize_is_413()
    {
        var response = await PostForm(App(), "big=" + new string('x', 500_000));
        response.StatusCode.ShouldBe(413);
        response.Text.ShouldContain("MaxFormMemorySize");
        (await PostForm(App(), "big=" + new string('x', 499_996))).Text.ShouldBe("1 fields");
        (await PostForm(App(c => c.MaxFormMemorySize = 2_000_000), "big=" + new string('x', 1_000_000))).Text.ShouldBe("1 fields");
    }

    [Fact]
    public async Task Both_limits_are_settings()
    {
        var config = new AppConfig();
        config.Load(["--max-form-parts", "3", "--max-form-memory-size=100"], _ => null);
        config.MaxFormParts.ShouldBe(3);
        config.MaxFormMemorySize.ShouldBe(100);
        (await PostForm(App(c => c.MaxFormParts = 3), "a=1&b=2&c=3&d=4")).StatusCode.ShouldBe(413);
        (await PostForm(App(c => c.MaxFormParts = 3), "a=1&b=2&c=3")).Text.ShouldBe("3 fields");
    }

    [Fact]
    public async Task Multipart_fields_count_against_the_memory_limit_and_files_do_not()
    {
        var (fields, type) = Multipart(("a", null, new byte[300_000]), ("b", null, new byte[300_000]));
        var response = await App().TestClient().SendAsync("POST", "/form", fields, type);
        response.StatusCode.ShouldBe(413);
        response.Text.ShouldContain("MaxFormMemorySize");

        var (files, fileType) = Multipart(("a", "one.bin", new byte[2_000_000]), ("b", "two.bin", new byte[2_000_000]), ("c", null, "x"u8.ToArray()));
        (await App().TestClient().SendAsync("POST", "/files", files, fileType)).Text.ShouldBe("one.bin:2000000,two.bin:2000000");
    }

    [Fact]
    public async Task Files_and_fields_count_against_MaxFormParts()
    {
        var parts = Enumerable.Range(0, 6).Select(i => ($"f{i}", i % 2 == 0 ? $"{i}.txt" : null, "x"u8.ToArray())).ToArray();
        var (body, type) = Multipart(parts!);
        (await App(c => c.MaxFormParts = 5).TestClient().SendAsync("POST", "/files", body, type)).StatusCode.ShouldBe(413);
        (await App(c => c.MaxFormParts = 6).TestClient().SendAsync("POST", "/files", body, type)).Text.ShouldBe("0.txt:1,2.txt:1,4.txt:1");
    }

    [Fact]
    public async Task Large_uploads_go_to_a_temporary_file_that_is_deleted_after_the_request()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        var seen = new List<(string? Path, bool OnDisk, bool Existed)>();
        app.Post("/upload", async (Request r) =>
        {
            foreach (var file in await r.ReadFilesAsync())
                seen.Add((file.SpoolPath, file.IsOnDisk, file.SpoolPath is { } p && File.Exists(p)));
            var big = (await r.ReadFilesAsync()).Single(f => f.IsOnDisk);
            var copy = Path.GetTempFileName();
            await big.SaveAsAsync(copy);
            var same = (await File.ReadAllBytesAsync(copy)).AsSpan().SequenceEqual(Pattern(big.Length));
            File.Delete(copy);
            return same ? "same" : "different";
        });
        var (body, type) = Multipart(("small", "s.txt", Pattern(UploadedFile.MemoryThreshold)), ("big", "b.bin", Pattern(UploadedFile.MemoryThreshold + 1)));

        (await app.TestClient().SendAsync("POST", "/upload", body, type)).Text.ShouldBe("same");
        seen.Count.ShouldBe(2);
        seen[0].OnDisk.ShouldBeFalse();
        seen[1].OnDisk.ShouldBeTrue();
        seen[1].Existed.ShouldBeTrue();
        File.Exists(seen[1].Path).ShouldBeFalse();
    }

    [Fact]
    public async Task A_failing_handler_still_deletes_the_temporary_file()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        string? path = null;
        app.Post("/upload", async (Request r) =>
        {
            path = (await r.ReadFilesAsync()).Single().SpoolPath;
            throw new InvalidOperationException("boom");
        });
        var (body, type) = Multipart(("big", "b.bin", Pattern(1_000_000)));
        (await app.TestClient().SendAsync("POST", "/upload", body, type)).StatusCode.ShouldBe(500);
        path.ShouldNotBeNull();
        File.Exists(path).ShouldBeFalse();
    }

    private static byte[] Pattern(long length) => Enumerable.Range(0, (int)length).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData("form-data; name=\"a", "Content-Disposition")]            // unterminated quote
    [InlineData("attachment; name=\"a\"", "Content-Disposition")]         // not form-data
    [InlineData("form-data; filename=\"x.txt\"", "field name")]           // no name
    public async Task Malformed_part_headers_are_400(string disposition, string message)
    {
        var body = Encoding.UTF8.GetBytes($"--B\r\nContent-Disposition: {disposition}\r\n\r\nx\r\n--B--\r\n");
        var response = await App().TestClient().SendAsync("POST", "/form", body, "multipart/form-data; boundary=B");
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldContain(message);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_missing_or_overlong_boundary_is_400(string contentType)
    {
        var response = await App().TestClient().SendAsync("POST", "/form", "--x\r\n\r\n"u8.ToArray(), contentType);
        response.StatusCode.ShouldBe(400);
        response.Text.ShouldContain("boundary");
    }

    [Fact]
    public async Task An_urlencoded_body_can_still_be_read_raw_after_the_form()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Post("/hook", async (Request r) => $"{(await r.ReadFormAsync())["a"]}|{Encoding.UTF8.GetString(await r.ReadBodyAsync())}");
        (await app.TestClient().PostAsync("/hook", "a=1&b=%20")).Text.ShouldBe("1|a=1&b=%20");
    }

    [Fact]
    public async Task Content_type_parameters_are_read_with_quoted_strings()
    {
        var app = new MicroWebApp(new MicroWebOptions { Logger = new CapturingLogger() });
        app.Post("/ct", (Request r) => $"{r.MediaType}|{r.Charset}|{r.ContentTypeParameter("boundary")}");
        var response = await app.TestClient().SendAsync("POST", "/ct", [], "Application/X-Thing; charset=\"utf-8\"; boundary=\"a;b \\\"c\\\"\"");
        response.Text.ShouldBe("application/x-thing|utf-8|a;b \"c\"");
    }
}
