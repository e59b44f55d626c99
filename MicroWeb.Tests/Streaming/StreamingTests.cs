using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using MicroWeb.Streaming;
using MicroWeb.Tests.Support;
using Xunit.Abstractions;
using static MicroWeb.Web;

namespace MicroWeb.Tests.Streaming;

/// <summary>
/// Handlers that return async sequences stream them item by item over the socket; Server-Sent Events have the
/// standard's format, keep-alive comments and Last-Event-ID; a client that leaves cancels the producer.
/// </summary>
public sealed class StreamingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ndjson_items_reach_the_client_before_the_last_one_is_produced()
    {
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new MicroWebApp("t");
        app.Get("/items", () => Items(second.Task));
        await using var server = await LiveServer.StartAsync(app);

        var clock = Stopwatch.StartNew();
        using var response = await server.Client.GetAsync("/items", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        response.Headers.TransferEncodingChunked.ShouldBe(true);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(Deadline)).ShouldBe("""{"n":1,"text":"uno"}""");
        var firstItem = clock.Elapsed;
        second.Task.IsCompleted.ShouldBeFalse(); // the producer is still held: the first line came on its own

        clock.Restart();
        second.SetResult();
        (await reader.ReadLineAsync().WaitAsync(Deadline)).ShouldBe("""{"n":2,"text":"dos"}""");
        var between = clock.Elapsed;
        (await reader.ReadToEndAsync().WaitAsync(Deadline)).ShouldBe("");
        output.WriteLine($"first item after {firstItem.TotalMilliseconds:F2} ms (request sent to line read), next item {between.TotalMilliseconds:F2} ms after its release");
    }

    private static async IAsyncEnumerable<object> Items(Task release)
    {
        yield return new { N = 1, Text = "uno" };
        await release;
        yield return new { N = 2, Text = "dos" };
    }

    [Fact]
    public async Task Strings_stream_as_html_bytes_as_octets_and_value_types_as_ndjson()
    {
        var app = new MicroWebApp("t");
        app.Get("/html", () => Sequence("<p>", "uno", "</p>"));
        app.Get("/bytes", () => Sequence(new byte[] { 1, 2 }, new byte[] { 3 }));
        app.Get("/ints", () => Sequence(1, 2, 3));
        var client = app.TestClient();

        var html = await client.GetAsync("/html");
        html.ContentType.ShouldBe("text/html; charset=utf-8");
        html.Text.ShouldBe("<p>uno</p>");
        var bytes = await client.GetAsync("/bytes");
        bytes.ContentType.ShouldBe("application/octet-stream");
        bytes.Bytes.ShouldBe(new byte[] { 1, 2, 3 });
        var ints = await client.GetAsync("/ints");
        ints.ContentType.ShouldBe("application/x-ndjson");
        ints.Text.ShouldBe("1\n2\n3\n");
    }

    private static async IAsyncEnumerable<T> Sequence<T>(params T[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_producer()
    {
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clientGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new MicroWebApp("t");
        app.Get("/ticks", () => Ticks(firstSent, clientGone.Task, stopped));
        await using var server = await LiveServer.StartAsync(app);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", server.Port);
            var stream = client.GetStream();
            await stream.WriteAsync("GET /ticks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
            var buffer = new byte[4096];
            (await stream.ReadAsync(buffer).AsTask().WaitAsync(Deadline)).ShouldBeGreaterThan(0);
            client.Client.LingerState = new LingerOption(true, 0); // a reset, as a browser tab that is closed abruptly
        }
        clientGone.SetResult();

        (await stopped.Task.WaitAsync(Deadline)).ShouldBeTrue(); // the producer's token fired and its finally ran
        (await server.GetAsync("/ticks-absent")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound); // still serving
    }

    private static async IAsyncEnumerable<int> Ticks(TaskCompletionSource firstSent, Task clientGone, TaskCompletionSource<bool> stopped,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            yield return 0;
            await clientGone;
            for (var i = 1; i < 1_000_000 && !cancellationToken.IsCancellationRequested; i++) yield return i;
        }
        finally
        {
            stopped.TrySetResult(cancellationToken.IsCancellationRequested);
        }
    }

    [Fact]
    public async Task A_producer_that_fails_before_its_first_item_is_a_500_and_after_it_a_failed_response()
    {
        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/early", () => Failing(itemsFirst: 0));
        app.Get("/late", () => Failing(itemsFirst: 1));
        await using var server = await LiveServer.StartAsync(app);

        var early = await RawHttp.SendAsync(server.Port, "GET /early HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        RawHttp.Status(early).ShouldBe(500);
        early.ShouldNotContain("InvalidOperationException");
        // After the first item the status is gone: the connection is reset, never ended as if complete.
        var late = await RawHttp.SendAsync(server.Port, "GET /late HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        RawHttp.Status(late).ShouldBe(200);
        late.ShouldNotEndWith("0\r\n\r\n");
        (await server.GetAsync("/early")).Status.ShouldBe(System.Net.HttpStatusCode.InternalServerError); // still serving
    }

    private static async IAsyncEnumerable<int> Failing(int itemsFirst)
    {
        for (var i = 0; i < itemsFirst; i++) yield return i;
        await Task.Yield();
        throw new InvalidOperationException("the database went away");
    }

    [Fact]
    public async Task Server_sent_events_have_the_event_stream_format()
    {
        var app = new MicroWebApp("t");
        app.Get("/events", () => EventStream(Sequence(
            new ServerSentEvent("hola") { Event = "saludo", Id = "7", Retry = TimeSpan.FromSeconds(3) },
            new ServerSentEvent("línea 1\nlínea 2\r\nlínea 3"),
            new ServerSentEvent { Comment = "solo un comentario" })));
        var response = await app.TestClient().GetAsync("/events");

        response.ContentType.ShouldBe("text/event-stream; charset=utf-8");
        response.Headers["Cache-Control"].ShouldBe("no-cache");
        response.Text.ShouldBe(
            "event: saludo\nid: 7\nretry: 3000\ndata: hola\n\n" +
            "data: línea 1\ndata: línea 2\ndata: línea 3\n\n" +
            ": solo un comentario\n\n");
    }

    [Fact]
    public void An_event_field_with_a_line_break_is_refused()
    {
        Should.Throw<ArgumentException>(() => new ServerSentEvent("x") { Event = "a\nb" });
        Should.Throw<ArgumentException>(() => new ServerSentEvent("x") { Id = "1\r" });
    }

    [Fact]
    public async Task The_handler_reads_last_event_id()
    {
        var app = new MicroWebApp("t");
        app.Get("/events", () => EventStream(Sequence(new ServerSentEvent($"after {Web.Request.LastEventId ?? "nothing"}"))));
        var client = app.TestClient();

        (await client.GetAsync("/events", new Dictionary<string, string> { ["Last-Event-ID"] = "41" })).Text.ShouldBe("data: after 41\n\n");
        (await client.GetAsync("/events")).Text.ShouldBe("data: after nothing\n\n");
    }

    [Fact]
    public async Task A_quiet_event_stream_sends_keep_alive_comments_then_the_event()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new MicroWebApp("t");
        app.Get("/events", () => EventStream(Held(release.Task), keepAlive: TimeSpan.FromMilliseconds(20)));
        await using var server = await LiveServer.StartAsync(app);

        using var response = await server.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        response.Headers.GetValues("X-Accel-Buffering").ShouldBe(["no"]);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(Deadline)).ShouldBe(":"); // a comment while the producer waits
        release.SetResult();
        string? line;
        while ((line = await reader.ReadLineAsync().WaitAsync(Deadline)) is ":" or "") { }
        line.ShouldBe("data: late");
    }

    private static async IAsyncEnumerable<ServerSentEvent> Held(Task release)
    {
        await release;
        yield return new ServerSentEvent("late");
    }

    [Fact]
    public async Task A_stop_ends_an_open_event_stream_cleanly()
    {
        var never = new TaskCompletionSource();
        var app = new MicroWebApp("t");
        app.Get("/events", () => EventStream(FirstThenHeld(never.Task)));
        await using var server = await LiveServer.StartAsync(app);

        using var response = await server.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(Deadline)).ShouldBe("data: first");
        var stop = server.App.StopAsync();
        (await reader.ReadToEndAsync().WaitAsync(Deadline)).ShouldBe("\n"); // the final chunk came: a complete response
        await stop.WaitAsync(Deadline);
    }

    private static async IAsyncEnumerable<ServerSentEvent> FirstThenHeld(Task release, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new ServerSentEvent("first");
        await release.WaitAsync(cancellationToken);
    }
}
