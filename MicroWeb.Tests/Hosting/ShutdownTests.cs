using System.Net;
using System.Net.Sockets;
using System.Text;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Hosting;

/// <summary>
/// A graceful stop, on real sockets: new connections are refused at once, requests in flight finish within
/// ShutdownTimeout, and what is still running then is reset at the connection level, never answered 200.
/// </summary>
public class ShutdownTests
{
    private sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static (MicroWebApp App, Gate Gate, CapturingLogger Log) App(TimeSpan shutdownTimeout)
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Config.ShutdownTimeout = shutdownTimeout;
        var gate = new Gate();
        // Ignores cancellation on purpose: a handler stuck in something that does not listen to it.
        app.Get("/slow", async () => { gate.Entered.TrySetResult(); await gate.Release.Task; return "finished"; });
        app.Get("/", () => "ok");
        return (app, gate, log);
    }

    private static async Task<(NetworkStream Stream, TcpClient Client)> SendAsync(int port, string path)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        return (stream, client);
    }

    // Everything the server sends until it closes or resets the connection.
    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, n);
                if (Encoding.ASCII.GetString(received.ToArray()) is var text && text.Contains("\r\n\r\n") && text.EndsWith("finished", StringComparison.Ordinal)) break;
            }
        }
        catch (IOException) { /* reset */ }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    [Fact]
    public async Task A_request_still_running_at_the_end_of_the_timeout_is_reset_not_answered_200()
    {
        var (app, gate, log) = App(TimeSpan.FromMilliseconds(300));
        await app.StartAsync("127.0.0.1", 0);
        var port = new Uri(app.Urls[0]).Port;
        var (stream, client) = await SendAsync(port, "/slow");
        using (client)
        {
            await gate.Entered.Task;
            await app.StopAsync();
            var received = await ReadToEndAsync(stream);
            received.ShouldBeEmpty("the client must see a failed request, not: " + received);
        }
        app.LastStopResetRequests.ShouldBe(1);
        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("1 request(s) were in flight; 1 still running"));
        gate.Release.SetResult();
    }

    [Fact]
    public async Task A_cancelled_stop_resets_what_is_still_running()
    {
        var (app, gate, _) = App(TimeSpan.FromSeconds(30));
        await app.StartAsync("127.0.0.1", 0);
        var (stream, client) = await SendAsync(new Uri(app.Urls[0]).Port, "/slow");
        using (client)
        {
            await gate.Entered.Task;
            using var cancel = new CancellationTokenSource();
            var stopping = app.StopAsync(cancel.Token);
            cancel.Cancel();
            await stopping;
            (await ReadToEndAsync(stream)).ShouldBeEmpty();
        }
        app.LastStopResetRequests.ShouldBe(1);
        gate.Release.SetResult();
    }

    [Fact]
    public async Task During_the_drain_new_connections_are_refused_and_requests_in_flight_finish()
    {
        var (app, gate, log) = App(TimeSpan.FromSeconds(30));
        await app.StartAsync("127.0.0.1", 0);
        var port = new Uri(app.Urls[0]).Port;
        // A kept-alive connection that has finished one request: its next request arrives during the drain.
        var (idle, idleClient) = await SendAsync(port, "/");
        using var _ = idleClient;
        var first = new byte[4096];
        (await idle.ReadAsync(first)).ShouldBeGreaterThan(0);

        var (stream, client) = await SendAsync(port, "/slow");
        using (client)
        {
            await gate.Entered.Task;
            var stopping = app.StopAsync();

            // Refused at once, so a proxy moves on to another upstream.
            using var late = new TcpClient();
            var refused = await Should.ThrowAsync<SocketException>(late.ConnectAsync(IPAddress.Loopback, port));
            refused.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
            // Not served either: reset, and nothing of it ran.
            await idle.WriteAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
            (await ReadToEndAsync(idle)).ShouldBeEmpty();

            stopping.IsCompleted.ShouldBeFalse();
            gate.Release.SetResult();
            var received = await ReadToEndAsync(stream);
            received.ShouldStartWith("HTTP/1.1 200");
            received.ShouldEndWith("finished");
            await stopping;
        }
        app.LastStopResetRequests.ShouldBe(0);
        log.Entries.ShouldContain(e => e.Message.Contains("all 1 request(s) in flight finished"));
    }

    [Fact]
    public async Task Idle_kept_alive_connections_are_closed_at_stop_without_an_unsolicited_response()
    {
        var (app, _, _) = App(TimeSpan.FromSeconds(5));
        await app.StartAsync("127.0.0.1", 0);
        var (idle, client) = await SendAsync(new Uri(app.Urls[0]).Port, "/");
        using (client)
        {
            var first = await ReadResponseAsync(idle);
            first.ShouldStartWith("HTTP/1.1 200");
            await app.StopAsync();
            // HttpListener alone writes "HTTP/1.1 200 OK ... Connection: close" on every idle connection it closes.
            (await ReadToEndAsync(idle)).ShouldBeEmpty();
        }
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var text = "";
        while (!text.EndsWith("ok", StringComparison.Ordinal)) text += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
        return text;
    }
}
