using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Hosting;

/// <summary>The sample as a process, stopped with SIGTERM as systemd and Docker stop it.</summary>
public class ProcessSignalsTests
{
    // A request that stays in flight: a JSON body announced but never sent in full (the handler waits to read it).
    // Returns once the server has parsed it (its "100 Continue" arrived) and answered a request sent after it, by
    // which time the request has long been handed to the app.
    private static async Task<TcpClient> StuckRequestAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /enviar_json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"));
        var buffer = new byte[256];
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, timeout.Token)).ShouldStartWith("HTTP/1.1 100");
        await stream.WriteAsync("{\"a\":"u8.ToArray());
        RawHttp.Status(await RawHttp.SendAsync(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).ShouldBe(200);
        return client;
    }

    [Fact]
    public async Task SIGTERM_with_nothing_in_flight_exits_at_once_with_code_0()
    {
        var port = ListenAddress.FreePort();
        await using var sample = await AppProcess.StartAsync(port);
        var clock = Stopwatch.StartNew();
        sample.Signal();
        await sample.WaitForExitAsync(TimeSpan.FromSeconds(10));
        sample.ExitCode.ShouldBe(0);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_request_cut_off_at_the_end_of_ShutdownTimeout_is_logged_and_makes_the_exit_code_1()
    {
        var port = ListenAddress.FreePort();
        await using var sample = await AppProcess.StartAsync(port, ["--shutdown-timeout", "0.5"]);
        using var stuck = await StuckRequestAsync(port);
        sample.Signal();
        await sample.WaitForExitAsync(TimeSpan.FromSeconds(10));
        sample.ExitCode.ShouldBe(1);
        // "were in flight" may count the GET answered just before the signal, if it had not quite finished.
        sample.Lines.ShouldContain(l => l.Contains("request(s) were in flight; 1 still running after 0.5 s had their connections reset"));
    }

    [Fact]
    public async Task A_second_SIGTERM_exits_at_once_without_waiting_for_requests_in_flight()
    {
        var port = ListenAddress.FreePort();
        await using var sample = await AppProcess.StartAsync(port, ["--shutdown-timeout", "60"]);
        using var stuck = await StuckRequestAsync(port);
        sample.Signal();
        await sample.WaitForLineAsync(l => l.Contains("Stopping: waiting up to 60 s for"), TimeSpan.FromSeconds(10));
        sample.HasExited.ShouldBeFalse();
        var clock = Stopwatch.StartNew();
        sample.Signal();
        await sample.WaitForExitAsync(TimeSpan.FromSeconds(10));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        sample.ExitCode.ShouldBe(143);
    }
}
