using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MicroWeb.Http;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Security;

/// <summary>Slow clients, vanished clients, failing bodies: the server keeps serving and leaks nothing.</summary>
[Collection(SerialCollection.Name)]
public class SlowAndFailingClientsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static int OpenFileDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    [Fact]
    public async Task Hundreds_of_slowloris_connections_do_not_stop_other_clients()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);

        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync("127.0.0.1", s.Port);
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
                stalled.Add(c);
            }
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                using var fresh = new HttpClient { BaseAddress = s.BaseAddress };
                (await fresh.GetStringAsync("/")).ShouldBe("ok");
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Max().ShouldBeLessThan(1000);
        }
        finally
        {
            foreach (var c in stalled) c.Dispose();
        }
    }

    [Fact]
    public async Task A_body_that_never_arrives_is_408_after_the_timeout()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Config.BodyReadTimeout = TimeSpan.FromMilliseconds(500);
        app.Post("/upload", async (Request r) => (await r.ReadBodyAsync()).Length.ToString());
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);

        var response = await RawHttp.SendAsync(s.Port,
            "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly-part", TimeSpan.FromSeconds(10));
        RawHttp.Status(response).ShouldBe(408);
        (await s.GetAsync("/")).Body.ShouldBe("ok");
    }

    [Fact]
    public async Task Handlers_run_at_most_MaxConcurrentRequests_at_once_and_the_rest_queue()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Config.MaxConcurrentRequests = 2;
        int running = 0, peak = 0;
        app.Get("/slow", async () =>
        {
            var now = Interlocked.Increment(ref running);
            lock (app) peak = Math.Max(peak, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref running);
            return "done";
        });
        await using var s = await LiveServer.StartAsync(app);

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 20 };
        using var client = new HttpClient(handler) { BaseAddress = s.BaseAddress };
        var all = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetStringAsync("/slow")));
        all.ShouldAllBe(x => x == "done");
        peak.ShouldBe(2);
    }

    [Fact]
    public async Task Aborted_downloads_leak_no_connections_or_handles_and_the_server_keeps_serving()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        var chunk = new byte[64 * 1024];
        app.Get("/big", () => new Response
        {
            ContentType = "application/octet-stream",
            Body = new CallbackBody(async (stream, token) =>
            {
                for (var i = 0; i < 1000; i++) await stream.WriteAsync(chunk, token); // 64 MB
            }),
        });
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);
        (await s.GetAsync("/")).Body.ShouldBe("ok");
        var before = OpenFileDescriptors();

        for (var i = 0; i < 40; i++)
        {
            using var c = new TcpClient();
            await c.ConnectAsync("127.0.0.1", s.Port);
            var stream = c.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            var buffer = new byte[32 * 1024];
            await stream.ReadAtLeastAsync(buffer, buffer.Length);
            c.Client.LingerState = new LingerOption(true, 0); // reset, as a client that vanishes
        }

        // Give the server the time it needs to notice the resets, without sleeping blind: poll until settled.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (OpenFileDescriptors() > before + 5 && DateTime.UtcNow < deadline) await Task.Delay(100);
        OpenFileDescriptors().ShouldBeLessThanOrEqualTo(before + 5);
        (await s.GetAsync("/")).Body.ShouldBe("ok");
        log.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Clients_that_vanish_during_an_upload_leave_the_server_serving()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Post("/upload", async (Request r) => (await r.ReadBodyAsync()).Length.ToString());
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);
        for (var i = 0; i < 20; i++)
        {
            using var c = new TcpClient();
            await c.ConnectAsync("127.0.0.1", s.Port);
            var stream = c.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n\r\n"));
            await stream.WriteAsync(new byte[256 * 1024]);
            c.Client.LingerState = new LingerOption(true, 0);
        }
        (await s.GetAsync("/")).Body.ShouldBe("ok");
        log.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task An_exception_after_the_headers_were_sent_cuts_the_response_and_is_logged_once()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        // A known length (files, buffers) lets the client see the cut; see the README on chunked bodies.
        app.Get("/half", () => new Response
        {
            ContentType = "text/plain",
            Body = new CallbackBody(async (stream, token) =>
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("first half"), token);
                await stream.FlushAsync(token);
                throw new InvalidOperationException("broke mid-flight");
            }, length: 20),
        });
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);

        await Should.ThrowAsync<HttpRequestException>(async () => await s.Client.GetStringAsync("/half"));
        (await s.GetAsync("/")).Body.ShouldBe("ok");
        log.Entries.Count(e => e.Exception?.Message == "broke mid-flight").ShouldBe(1);
    }

    [Fact]
    public async Task Stopping_lets_requests_in_flight_finish_and_refuses_new_ones()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        var entered = new TaskCompletionSource();
        app.Get("/slow", async () =>
        {
            entered.SetResult();
            await Task.Delay(500);
            return "finished";
        });
        await app.StartAsync("127.0.0.1", 0);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls[0]) };
        var inFlight = client.GetStringAsync("/slow");
        await entered.Task;

        var watch = Stopwatch.StartNew();
        await app.StopAsync();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await inFlight).ShouldBe("finished");
        await Should.ThrowAsync<HttpRequestException>(() => new HttpClient().GetStringAsync(app.Urls[0]));
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_does_not_hold_shutdown_past_the_timeout()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Config.ShutdownTimeout = TimeSpan.FromMilliseconds(300);
        var entered = new TaskCompletionSource();
        app.Get("/stuck", async () =>
        {
            entered.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(30));
            return "late";
        });
        await app.StartAsync("127.0.0.1", 0);
        var stuck = new HttpClient().GetStringAsync(app.Urls[0] + "stuck");
        await entered.Task;
        var watch = Stopwatch.StartNew();
        await app.StopAsync();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        _ = stuck.ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    // A site with one 32 MB file in static/ (sparse: nothing is written to disk).
    private static string BigFileSite()
    {
        var root = Path.Combine(Path.GetTempPath(), "microweb-slow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "static"));
        using var file = File.Create(Path.Combine(root, "static", "big.bin"));
        file.SetLength(32 * 1024 * 1024);
        return root;
    }

    private static async Task<TcpClient> StartDownloadAsync(int port, string path)
    {
        // A small receive buffer: the client reads nothing, and the kernel holds little on its behalf.
        var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(IPAddress.Loopback, port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        return client;
    }

    [Fact]
    public async Task Six_hundred_clients_that_never_read_a_large_file_do_not_stop_other_requests()
    {
        var root = BigFileSite();
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Config.ContentRoot = root;
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);
        var stalled = new List<TcpClient>();
        try
        {
            // More stalled downloads than MaxConcurrentRequests (512): each holds a connection, none a handler slot.
            for (var i = 0; i < 600; i++) stalled.Add(await StartDownloadAsync(s.Port, "/static/big.bin"));
            // Every download starts sending (its first bytes arrive), none waits for a slot another one holds.
            using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
                foreach (var c in stalled) await c.GetStream().ReadAtLeastAsync(new byte[1], 1, cancellationToken: started.Token);

            var times = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var watch = Stopwatch.StartNew();
                using var fresh = new HttpClient { BaseAddress = s.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
                (await fresh.GetStringAsync("/")).ShouldBe("ok");
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            output.WriteLine($"GET / with 600 stalled downloads, ms: {string.Join(", ", times.Select(t => t.ToString("F1")))}");
            times.Max().ShouldBeLessThan(1000, string.Join(", ", times.Select(t => t.ToString("F1"))));
        }
        finally
        {
            foreach (var c in stalled) c.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_reset_once_below_the_minimum_data_rate()
    {
        var root = BigFileSite();
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Config.ContentRoot = root;
        app.Config.MinResponseDataRate = 64 * 1024; // a 16 KB write gets the grace plus 0.25 s
        app.Config.MinResponseDataRateGrace = TimeSpan.FromMilliseconds(500);
        await using var s = await LiveServer.StartAsync(app);
        try
        {
            using var client = await StartDownloadAsync(s.Port, "/static/big.bin");
            // The server gives up on its own: the request ends (its access-log line appears) while the client reads nothing.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!log.Entries.Any(e => e.Message.Contains("/static/big.bin")) && DateTime.UtcNow < deadline) await Task.Delay(50);
            log.Entries.ShouldContain(e => e.Message.Contains("/static/big.bin"));
            // What the client can still read is what was buffered, then a reset: far from the whole 32 MB.
            var received = 0L;
            var buffer = new byte[64 * 1024];
            try
            {
                int n;
                while ((n = await client.GetStream().ReadAsync(buffer)) > 0) received += n;
            }
            catch (IOException) { }
            received.ShouldBeLessThan(32L * 1024 * 1024);
            (await s.GetAsync("/static/big.bin")).Body.Length.ShouldBe(32 * 1024 * 1024); // a reading client gets it all
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_access_log_shows_the_address_a_trusted_proxy_forwarded()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Config.TrustedProxies = 1;
        app.Get("/", () => "ok");
        await using var s = await LiveServer.StartAsync(app);
        var response = await RawHttp.SendAsync(s.Port, "GET / HTTP/1.1\r\nHost: shop.example.test\r\nX-Forwarded-For: 6.6.6.6, 203.0.113.7\r\nConnection: close\r\n\r\n");
        RawHttp.Status(response).ShouldBe(200);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!log.Entries.Any(e => e.Message.Contains("\"GET / HTTP/1.1\" 200")) && DateTime.UtcNow < deadline) await Task.Delay(20);
        log.Entries.ShouldContain(e => e.Message.StartsWith("203.0.113.7 - - [") && e.Message.Contains("\"GET / HTTP/1.1\" 200"));
    }
}
