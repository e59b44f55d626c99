using System.Net;
using MicroWeb.Hosting;
using MicroWeb.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Hosting;

/// <summary>One access-log line per request, as Flask's server prints it, and a setting to turn it off.</summary>
public sealed class AccessLogTests
{
    /// <summary>Signals each access-log line as it is logged (the line is written after the response is sent).</summary>
    private sealed class AccessLogger : ILogger
    {
        private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "Access") _lines.Writer.TryWrite(formatter(state, exception));
        }

        public Task<string> NextAsync() => _lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public bool Any => _lines.Reader.TryPeek(out _);
    }

    [Fact]
    public async Task Each_request_is_logged_with_method_target_status_and_time()
    {
        var log = new AccessLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Get("/hola", () => "hola");
        await using var server = await LiveServer.StartAsync(app);

        await server.GetAsync("/hola?x=1");
        (await log.NextAsync()).ShouldMatch(@"^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] ""GET /hola\?x=1 HTTP/1\.1"" 200 - \d+\.\dms$");
        await server.GetAsync("/nada");
        (await log.NextAsync()).ShouldContain("\"GET /nada HTTP/1.1\" 404 - ");
    }

    [Fact]
    public async Task The_access_log_can_be_turned_off()
    {
        var log = new AccessLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Config.Load(["--access-log", "off"]);
        app.Get("/", () => "hola");
        await using var server = await LiveServer.StartAsync(app);

        for (var i = 0; i < 3; i++) (await server.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
        await server.DisposeAsync(); // a stop waits for requests in flight, and so for their log lines

        log.Any.ShouldBeFalse();
    }

    [Fact]
    public void The_line_reads_as_werkzeugs()
    {
        var when = new DateTime(2026, 11, 30, 12, 0, 5, DateTimeKind.Utc);
        var local = when.ToLocalTime().ToString("dd/MMM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        new AccessLog(IPAddress.Loopback, "GET", "/a?b=1", 200, TimeSpan.FromMilliseconds(1.26)).ToString(when)
            .ShouldBe($"127.0.0.1 - - [{local}] \"GET /a?b=1 HTTP/1.1\" 200 - 1.3ms");
        new AccessLog(null, "POST", "/x", 0, TimeSpan.Zero).ToString(when)
            .ShouldBe($"- - - [{local}] \"POST /x HTTP/1.1\" - - 0.0ms");
        new AccessLog(IPAddress.Parse("10.0.0.7"), "GET", "/", 404, TimeSpan.FromMilliseconds(1234.56)).ToString(when)
            .ShouldEndWith("\" 404 - 1234.6ms");
        new AccessLog(IPAddress.Loopback, "GET", "/", 200, TimeSpan.FromMilliseconds(0.04)).ToString(when).ShouldEndWith(" 0.0ms");
    }

    [Fact]
    public async Task Control_characters_from_the_request_are_escaped_in_the_access_log()
    {
        var log = new AccessLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Get("/<path:rest>", (string rest) => "x");
        await using var server = await LiveServer.StartAsync(app);

        // Raw ESC (a terminal colour sequence) and BEL in the request target, a quote to close the field early.
        await RawHttp.SendAsync(server.Port, "GET /a\u001b[31mred\u0007\"b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        var line = await log.NextAsync();
        line.ShouldContain("\"GET /a\\x1B[31mred\\x07\\x22b HTTP/1.1\"");
        line.ShouldNotContain("\u001b");
        line.ShouldNotContain("\u0007");
    }

    [Fact]
    public void The_line_escapes_control_characters_as_nginx_does()
    {
        var when = new DateTime(2026, 11, 30, 12, 0, 5, DateTimeKind.Utc);
        var line = new AccessLog(IPAddress.Loopback, "G\nET", "/x\r\n127.0.0.1 - - [fake] \u009b\u2028ñ\\", 200, TimeSpan.Zero).ToString(when);
        line.ShouldContain("\"G\\x0AET /x\\x0D\\x0A127.0.0.1 - - [fake] \\x9B\\u2028ñ\\x5C HTTP/1.1\"");
        line.ShouldNotContain("\n");
        LogText.Escape("/plain/ñandú?a=1").ShouldBe("/plain/ñandú?a=1");
    }

    [Fact]
    public async Task The_error_log_escapes_the_decoded_path()
    {
        var log = new CapturingLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Get("/<path:rest>", string (string rest) => throw new InvalidOperationException("boom"));
        var response = await app.TestClient().GetAsync("/boom%0a127.0.0.1%20-%20-%20%5bforged%5d%1b[0m");
        response.StatusCode.ShouldBe(500);
        var entry = log.Entries.Single(e => e.Level == LogLevel.Error);
        entry.Message.ShouldContain("/boom\\x0A127.0.0.1 - - [forged]\\x1B[0m");
        entry.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void The_console_writer_writes_every_line_in_order_as_utf8()
    {
        var tag = Guid.NewGuid().ToString("N");
        var output = new MemoryStream();
        ConsoleLogWriter.Redirect = Stream.Synchronized(output);
        try
        {
            // Enough lines to fill several batches, from two threads at once.
            Parallel.For(0, 2, t =>
            {
                for (var i = 0; i < 20_000; i++)
                {
                    if (i % 2 == 0) ConsoleLogWriter.Write($"{tag} {t} línea {i}");
                    else ConsoleLogWriter.Write(new AccessLog(IPAddress.Loopback, "GET", $"/{tag}/{t}/{i}?año=1", 200, TimeSpan.FromMilliseconds(i)), DateTime.UtcNow);
                }
            });
            ConsoleLogWriter.Flush(TimeSpan.FromSeconds(10));
        }
        finally
        {
            ConsoleLogWriter.Redirect = null;
        }

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine).Where(l => l.Contains(tag)).ToList();
        lines.Count.ShouldBe(40_000);
        foreach (var t in new[] { 0, 1 })
        {
            var mine = lines.Where(l => l.Contains($"{tag} {t} ") || l.Contains($"/{tag}/{t}/")).ToList();
            mine.Count.ShouldBe(20_000);
            mine[0].ShouldBe($"{tag} {t} línea 0");
            mine[1].ShouldMatch($@"^127\.0\.0\.1 - - \[[^\]]+\] ""GET /{tag}/{t}/1\?año=1 HTTP/1\.1"" 200 - 1\.0ms$");
            mine[19_999].ShouldEndWith($"/{tag}/{t}/19999?año=1 HTTP/1.1\" 200 - 19999.0ms");
        }
    }

    [Fact]
    public void The_log_clock_follows_the_wall_clock()
    {
        // Lines are stamped from the request's Stopwatch reading; the time must still be the wall clock's.
        for (var i = 0; i < 3; i++)
        {
            var before = DateTime.UtcNow;
            var stamped = AccessLog.UtcAt(System.Diagnostics.Stopwatch.GetTimestamp());
            var after = DateTime.UtcNow;
            stamped.ShouldBeGreaterThanOrEqualTo(before.AddMilliseconds(-5));
            stamped.ShouldBeLessThanOrEqualTo(after.AddMilliseconds(5));
        }
    }

    // Beside the writer test above: both redirect the console writer, so they must not run at the same time.
    [Fact]
    public void The_default_console_logger_writes_the_access_entry_as_its_line()
    {
        // No special case in the app: the console logger recognises the entry it is given and encodes it itself.
        var output = new MemoryStream();
        var tag = Guid.NewGuid().ToString("N");
        ConsoleLogWriter.Redirect = Stream.Synchronized(output);
        try
        {
            ILogger logger = new ConsoleLogger("t", () => LogLevel.Information);
            var entry = new AccessLog(IPAddress.Loopback, "GET", $"/{tag}", 404, TimeSpan.FromMilliseconds(1.25), DateTime.UtcNow);
            logger.Log(LogLevel.Information, AccessLog.EventId, entry, null, AccessLog.Format);
            ConsoleLogWriter.Flush(TimeSpan.FromSeconds(10));
        }
        finally
        {
            ConsoleLogWriter.Redirect = null;
        }
        var line = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split(Environment.NewLine).Single(l => l.Contains(tag));
        line.ShouldMatch($@"^127\.0\.0\.1 - - \[[^\]]+\] ""GET /{tag} HTTP/1\.1"" 404 - 1\.3ms$");
    }
}
