using System.Net;
using System.Net.Sockets;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Hosting;

/// <summary>
/// What the listening socket accepts, on a real socket: any Host header (what a reverse proxy sends) while bound to
/// the configured address only; both with MicroWeb's own endpoint and with the fallback for other runtimes.
/// </summary>
public class ListeningTests
{
    private static MicroWebApp App(bool ownEndPoints = true, CapturingLogger? log = null)
    {
        var app = new MicroWebApp("t") { Logger = log ?? new CapturingLogger() };
        app.UseOwnListenerEndPoints = ownEndPoints;
        app.Get("/", (Request r) => $"host={r.Host}");
        return app;
    }

    private static Task<string> Get(int port, string host, string address = "127.0.0.1") =>
        RawHttp.SendAsync(port, $"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", address: address);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Any_Host_header_reaches_the_app_on_loopback(bool ownEndPoints)
    {
        await using var s = await LiveServer.StartAsync(App(ownEndPoints));
        // nginx's `proxy_set_header Host $host;` and `proxy_pass http://microweb;` (an upstream block's name).
        foreach (var host in new[] { "shop.example.test", "microweb", "localhost", $"127.0.0.1:{s.Port}" })
        {
            var response = await Get(s.Port, host);
            RawHttp.Status(response).ShouldBe(200, response);
            response.ShouldEndWith($"host={host}");
        }
    }

    [Fact]
    public async Task Only_the_configured_address_is_bound()
    {
        await using var s = await LiveServer.StartAsync(App());
        // 127.0.0.2 is loopback too, but not the configured address: with 0.0.0.0 bound, this would connect.
        using var other = new TcpClient();
        var refused = await Should.ThrowAsync<SocketException>(other.ConnectAsync(IPAddress.Parse("127.0.0.2"), s.Port));
        refused.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task The_fallback_refuses_requests_that_arrive_on_another_address()
    {
        var log = new CapturingLogger();
        await using var s = await LiveServer.StartAsync(App(ownEndPoints: false, log));
        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("every interface"));
        var response = await Get(s.Port, "shop.example.test", address: "127.0.0.2");
        response.ShouldNotStartWith("HTTP/"); // reset: as if nothing listened there
        RawHttp.Status(await Get(s.Port, "shop.example.test")).ShouldBe(200);
    }

    [Fact]
    public async Task A_bare_carriage_return_in_a_header_is_400_and_reaches_no_handler()
    {
        var log = new CapturingLogger();
        var app = App(log: log);
        var handled = 0;
        app.Get("/count", () => Interlocked.Increment(ref handled).ToString());
        await using var s = await LiveServer.StartAsync(app);
        // HttpListener drops the CR and joins the two lines: the app would see "Host: 127.0.0.1:5000X-Evil: 1".
        var response = await RawHttp.SendAsync(s.Port, "GET /count HTTP/1.1\r\nHost: 127.0.0.1:5000\rX-Evil: 1\r\n\r\n");
        RawHttp.Status(response).ShouldBe(400, response);
        response.ShouldContain("Connection: close");
        var inValue = await RawHttp.SendAsync(s.Port, "GET /count HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: one\rtwo\r\n\r\n");
        RawHttp.Status(inValue).ShouldBe(400, inValue);
        handled.ShouldBe(0);
        // Well-formed requests on a kept-alive connection are not mistaken for it.
        using var client = new HttpClient { BaseAddress = s.BaseAddress };
        for (var i = 1; i <= 3; i++) (await client.GetStringAsync("/count")).ShouldBe(i.ToString());
    }

    [Fact]
    public async Task Starting_and_stopping_50_times_while_a_client_hammers_the_port_always_starts()
    {
        var port = ListenAddress.FreePort();
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        // A health check gone wild: connects in a tight loop, sends a request, hangs up.
        var hammer = Task.Run(async () =>
        {
            var request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray();
            while (!stop.IsCancellationRequested)
            {
                using var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await c.ConnectAsync(IPAddress.Loopback, port);
                    await c.SendAsync(request);
                }
                catch (SocketException) { }
                Interlocked.Increment(ref attempts);
            }
        });
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var app = App();
                await app.StartAsync("127.0.0.1", port); // throws if the start failed
                using (var client = new HttpClient { BaseAddress = new Uri(app.Urls[0]) })
                    (await client.GetStringAsync("/")).ShouldStartWith("host=");
                await app.StopAsync();
            }
        }
        finally
        {
            stop.Cancel();
            await hammer;
        }
        attempts.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void This_runtime_has_the_HttpListener_internals_the_own_endpoint_needs()
    {
        // A .NET update that changes them shows here (MicroWeb then falls back, with a warning).
        ListenerEndPoint.Supported.ShouldBeTrue();
    }

    [Fact]
    public async Task A_connection_already_waiting_when_accepting_starts_is_served()
    {
        // The moment of dotnet/corefx#35191, staged: the port is bound and a client is in the backlog before the
        // endpoint accepts. HttpListener's own endpoint would crash on it; MicroWeb's starts accepting complete.
        var port = ListenAddress.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://+:{port}/");
        var endPoint = ListenerEndPoint.TryCreate(listener, IPAddress.Loopback, port)!;
        using var early = new TcpClient();
        await early.ConnectAsync(IPAddress.Loopback, port);
        await early.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: anything.test\r\nConnection: close\r\n\r\n"u8.ToArray());
        listener.Start();
        endPoint.StartAccepting();
        var context = await listener.GetContextAsync();
        context.Response.Close("early"u8.ToArray(), willBlock: false);
        var received = await new StreamReader(early.GetStream()).ReadToEndAsync();
        received.ShouldStartWith("HTTP/1.1 200");
        received.ShouldEndWith("early");
        listener.Close();
        // Closing the listener released the port.
        using var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
    }

    // Kestrel's localhost: both loopbacks on one port, so a client that resolves localhost to ::1 is served too.
    [Fact]
    public async Task Localhost_listens_on_both_loopbacks()
    {
        var app = App();
        await app.StartAsync("localhost", 0);
        try
        {
            var port = new Uri(app.Urls[0]).Port;
            app.Urls.ShouldBe([$"http://localhost:{port}/"]);
            foreach (var address in new[] { "127.0.0.1", "::1" })
            {
                var response = await Get(port, "localhost", address);
                RawHttp.Status(response).ShouldBe(200, response);
            }
            // HttpListener itself refuses an IPv6 literal in the Host header (it cuts the host at its first colon):
            // a documented limit, which is why the banner says localhost.
            RawHttp.Status(await Get(port, $"[::1]:{port}", "::1")).ShouldBe(400);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task The_IPv6_loopback_can_be_listened_on_alone()
    {
        var app = App();
        await app.StartAsync("::1", 0);
        try
        {
            var port = new Uri(app.Urls[0]).Port;
            app.Urls.ShouldBe([$"http://localhost:{port}/"]);
            RawHttp.Status(await Get(port, "shop.example.test", "::1")).ShouldBe(200);
            await Should.ThrowAsync<SocketException>(() => Get(port, "localhost", "127.0.0.1"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
