using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Hosting;

/// <summary>
/// Bodies of unknown length (generated CSV, callbacks, streams): small ones leave with a Content-Length in one piece,
/// large or flushed ones stream chunked, and neither stalls a kept-alive connection.
/// </summary>
public sealed class ResponseFramingTests
{
    private static Response Generated(Func<Stream, CancellationToken, Task> write) =>
        new() { ContentType = "text/plain; charset=utf-8", Body = new CallbackBody(write) };

    private static string Headers(string raw) => raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

    [Fact]
    public async Task A_small_generated_body_is_sent_with_a_content_length()
    {
        var app = new MicroWebApp("t");
        app.Get("/csv", () => Csv(new[] { new { Nombre = "Ana", Cedula = "1" } }, "r.csv"));
        app.Get("/gen", () => Generated(async (s, t) =>
        {
            await s.WriteAsync("uno,"u8.ToArray(), t);
            await s.WriteAsync("dos"u8.ToArray(), t);
        }));
        await using var server = await LiveServer.StartAsync(app);

        var csv = await RawHttp.SendAsync(server.Port, "GET /csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Headers(csv).ShouldContain("Content-Length: 22");
        Headers(csv).ShouldNotContain("chunked");
        csv.ShouldEndWith("Nombre,Cedula\r\nAna,1\r\n");
        var gen = await RawHttp.SendAsync(server.Port, "GET /gen HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        Headers(gen).ShouldContain("Content-Length: 7");
        gen.ShouldEndWith("\r\n\r\nuno,dos");
    }

    [Fact]
    public async Task A_large_generated_body_streams_chunked_and_arrives_whole()
    {
        var app = new MicroWebApp("t");
        var block = Encoding.ASCII.GetBytes(new string('x', 1000) + "\n");
        app.Get("/big", () => Generated(async (s, t) =>
        {
            for (var i = 0; i < 300; i++) await s.WriteAsync(block, t); // 300 KB, more than is held back
        }));
        await using var server = await LiveServer.StartAsync(app);

        var response = await server.Client.GetAsync("/big");
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBe(300 * block.Length);
    }

    [Fact]
    public async Task A_flush_sends_what_was_written_at_once()
    {
        var app = new MicroWebApp("t");
        var clientSawFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Get("/stream", () => Generated(async (s, t) =>
        {
            await s.WriteAsync("primero\n"u8.ToArray(), t);
            await s.FlushAsync(t);
            await clientSawFirst.Task.WaitAsync(TimeSpan.FromSeconds(10), t); // the rest only once the client has the first part
            await s.WriteAsync("segundo\n"u8.ToArray(), t);
        }));
        await using var server = await LiveServer.StartAsync(app);

        using var response = await server.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).ShouldBe("primero");
        clientSawFirst.SetResult();
        (await reader.ReadLineAsync()).ShouldBe("segundo");
    }

    [Fact]
    public async Task Chunked_responses_on_a_kept_alive_connection_do_not_wait_for_delayed_acks()
    {
        var app = new MicroWebApp("t");
        app.Get("/stream", () => Generated(async (s, t) =>
        {
            await s.WriteAsync("a"u8.ToArray(), t);
            await s.FlushAsync(t); // chunked: the body and the final empty chunk leave in separate writes
        }));
        await using var server = await LiveServer.StartAsync(app);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", server.Port);
        var stream = client.GetStream();
        var buffer = new byte[4096];

        // With Nagle's algorithm on the server's socket, each of these waits ~40 ms for the client's delayed ACK.
        // The median is what tells: a stall hits every request, while a busy machine (tests run in parallel, one of
        // them starts a browser) delays only some, and once made the total of 20 miss a fixed budget.
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var clock = Stopwatch.StartNew();
            await stream.WriteAsync("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
            var received = new StringBuilder();
            while (!received.ToString().EndsWith("0\r\n\r\n", StringComparison.Ordinal))
                received.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)));
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        times[times.Count / 2].ShouldBeLessThan(20, $"median of 21 kept-alive chunked responses, in ms (a stall costs 40 ms each): {string.Join(", ", times.Select(t => t.ToString("F1")))}");
    }

    [Fact]
    public void The_listening_sockets_of_this_runtime_are_reachable_for_tcp_nodelay()
    {
        // Guards the reflection MicroWeb uses on HttpListener's internals: a .NET update that moves them shows here.
        using var listener = new System.Net.HttpListener();
        var port = MicroWeb.Hosting.ListenAddress.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        MicroWeb.Hosting.ListenerSockets.DisableNagle([port]).ShouldBe(1);
    }
}
