using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Security;

/// <summary>Size limits, each over a real socket with requests HttpClient would not send.</summary>
public class LimitsTests
{
    public static class Upload
    {
        [Route("/small", Methods = ["POST"], MaxContentLength = 10)]
        public static async Task<string> Small(Request request) => $"{(await request.ReadBodyAsync()).Length} bytes";
    }

    private static async Task<LiveServer> Start(Action<MicroWebApp>? configure = null)
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Post("/upload", async (Request r) => $"{(await r.ReadBodyAsync()).Length} bytes");
        app.Post("/form", async (Request r) => $"{(await r.ReadFormAsync()).Count} fields");
        app.Get("/", () => "ok");
        app.AddRoutes(typeof(Upload));
        configure?.Invoke(app);
        return await LiveServer.StartAsync(app);
    }

    private static string Get(string target, string extraHeaders = "") =>
        $"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extraHeaders}\r\n";

    [Fact]
    public async Task Url_longer_than_the_limit_is_414()
    {
        await using var s = await Start(app => app.Config.MaxUrlLength = 2000);
        RawHttp.Status(await RawHttp.SendAsync(s.Port, Get("/" + new string('a', 2100)))).ShouldBe(414);
        RawHttp.Status(await RawHttp.SendAsync(s.Port, Get("/?q=" + new string('a', 1900)))).ShouldBe(200);
    }

    [Fact]
    public async Task Too_many_header_fields_is_431()
    {
        await using var s = await Start();
        var many = string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: v\r\n"));
        RawHttp.Status(await RawHttp.SendAsync(s.Port, Get("/", many))).ShouldBe(431);
        var fine = string.Concat(Enumerable.Range(0, 50).Select(i => $"X-H{i}: v\r\n"));
        RawHttp.Status(await RawHttp.SendAsync(s.Port, Get("/", fine))).ShouldBe(200);
    }

    [Fact]
    public async Task A_declared_body_over_the_limit_is_413_before_it_is_sent()
    {
        await using var s = await Start(app => app.Config.MaxContentLength = 1024);
        var watch = Stopwatch.StartNew();
        // Only the headers go out: the 200 MB body never does. The answer must come anyway, and promptly.
        var response = await RawHttp.SendAsync(s.Port,
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 209715200\r\n\r\n");
        RawHttp.Status(response).ShouldBe(413);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await s.GetAsync("/")).Body.ShouldBe("ok");
    }

    [Fact]
    public async Task A_chunked_body_is_refused_as_soon_as_it_crosses_the_limit()
    {
        await using var s = await Start(app => app.Config.MaxContentLength = 64 * 1024);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", s.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = Encoding.ASCII.GetBytes($"{8192:x}\r\n{new string('x', 8192)}\r\n");
        var sent = 0;
        var reader = new byte[4096];
        var readTask = stream.ReadAsync(reader).AsTask();
        // Keep sending (the client would send 10 MB) until the server answers.
        while (!readTask.IsCompleted && sent < 10 * 1024 * 1024)
        {
            try { await stream.WriteAsync(chunk); } catch (IOException) { break; }
            sent += 8192;
            await Task.WhenAny(readTask, Task.Delay(5));
        }
        var n = await readTask.WaitAsync(TimeSpan.FromSeconds(10));
        RawHttp.Status(Encoding.ASCII.GetString(reader, 0, n)).ShouldBe(413);
        sent.ShouldBeLessThan(2 * 1024 * 1024); // refused near the limit, not after the whole upload
    }

    [Fact]
    public async Task A_route_can_have_its_own_body_limit()
    {
        await using var s = await Start();
        var big = await s.Client.PostAsync("/small", new ByteArrayContent(new byte[11]));
        ((int)big.StatusCode).ShouldBe(413);
        (await (await s.Client.PostAsync("/small", new ByteArrayContent(new byte[10]))).Content.ReadAsStringAsync()).ShouldBe("10 bytes");
        (await (await s.Client.PostAsync("/upload", new ByteArrayContent(new byte[5000]))).Content.ReadAsStringAsync()).ShouldBe("5000 bytes");
    }

    [Fact]
    public async Task Multipart_bodies_are_bounded_and_malformed_ones_are_400()
    {
        await using var s = await Start();
        var parts = new MultipartFormDataContent("b0undary");
        for (var i = 0; i < 1100; i++) parts.Add(new StringContent("v"), $"f{i}");
        ((int)(await s.Client.PostAsync("/form", parts)).StatusCode).ShouldBe(413);

        var ok = new MultipartFormDataContent("b0undary") { { new StringContent("1"), "a" }, { new StringContent("2"), "b" } };
        (await (await s.Client.PostAsync("/form", ok)).Content.ReadAsStringAsync()).ShouldBe("2 fields");

        var broken = new StringContent("--nope\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b0undary");
        var response = await s.Client.PostAsync("/form", broken);
        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("multipart");
    }

    [Fact]
    public async Task A_16_MB_form_of_empty_fields_is_refused_early_and_the_server_keeps_serving()
    {
        await using var s = await Start();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", s.Port);
        var stream = client.GetStream();
        const int declared = 16 * 1024 * 1024 - 1;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {declared}\r\n\r\n"));
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a&", 4096)));
        var sent = 0;
        var reader = new byte[4096];
        var readTask = stream.ReadAsync(reader).AsTask();
        while (!readTask.IsCompleted && sent + chunk.Length < declared)
        {
            try { await stream.WriteAsync(chunk); } catch (IOException) { break; }
            sent += chunk.Length;
            await Task.WhenAny(readTask, Task.Delay(5));
        }
        var n = await readTask.WaitAsync(TimeSpan.FromSeconds(10));
        var answer = Encoding.ASCII.GetString(reader, 0, n);
        RawHttp.Status(answer).ShouldBe(413);
        sent.ShouldBeLessThan(2 * 1024 * 1024); // refused at the 1,001st field, not after 8 million of them
        (await s.GetAsync("/")).Body.ShouldBe("ok");
    }
}
