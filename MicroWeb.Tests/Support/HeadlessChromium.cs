using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MicroWeb.Tests.Support;

/// <summary>
/// A headless Chromium (Debian's package) driven through the DevTools protocol over a WebSocket: enough to
/// open a page and run JavaScript in it. Fails clearly when Chromium is not installed; never waits unbounded.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly List<TaskCompletionSource> _loadWaiters = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Where Chromium is: $CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>Starts Chromium on about:blank and attaches to that page.</summary>
    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "Chromium is not installed: this test drives a real browser. Install it with `apt-get install -y chromium` " +
            "(.ci/run does) or point $CHROMIUM at a Chromium binary.");
        var profile = Directory.CreateTempSubdirectory("microweb-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--mute-audio", $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "about:blank",
        }) start.ArgumentList.Add(arg);

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (DevToolsLine().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) =>
        {
            string text;
            lock (log) text = log.ToString();
            listening.TrySetException(new InvalidOperationException($"Chromium exited with code {process.ExitCode} before DevTools was ready:\n{text}"));
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var browserEndpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await browser.AttachToPageAsync(browserEndpoint, cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task AttachToPageAsync(Uri browserEndpoint, CancellationToken cancellationToken)
    {
        // The page started on about:blank is listed by the DevTools HTTP endpoint with its own WebSocket URL.
        using var http = new HttpClient { BaseAddress = new Uri($"http://{browserEndpoint.Authority}/"), Timeout = TimeSpan.FromSeconds(10) };
        var targets = JsonNode.Parse(await http.GetStringAsync("json/list", cancellationToken))!.AsArray();
        var page = targets.FirstOrDefault(t => t?["type"]?.GetValue<string>() == "page")
            ?? throw new InvalidOperationException("Chromium has no page target: " + targets.ToJsonString());
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), cancellationToken);
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Sends a DevTools command and returns its result.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var response = await reply.Task.WaitAsync(cancellationToken);
        if (response["error"] is { } error) throw new InvalidOperationException($"DevTools {method} failed: {error.ToJsonString()}");
        return response["result"]?.AsObject() ?? new JsonObject();
    }

    /// <summary>Navigates the page and waits for its load event (so scripts run in the new document).</summary>
    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken)
    {
        await SendAsync("Page.enable", null, cancellationToken);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _loadWaiters.Add(loaded);
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, cancellationToken);
        if (result["errorText"] is { } failed) throw new InvalidOperationException($"Navigation to {url} failed: {failed}");
        await loaded.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Evaluates an expression in the page, awaiting it when it is a promise, and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        }, cancellationToken);
        if (result["exceptionDetails"] is { } exception)
            throw new InvalidOperationException("JavaScript failed in the page: " +
                (exception["exception"]?["description"]?.GetValue<string>() ?? exception.ToJsonString()));
        return result["result"]?["value"]?.DeepClone();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                // Of the events (no id) only the load event matters; the tests wait in the page itself, on the DOM.
                if (json["id"] is not { } idNode)
                {
                    if (json["method"]?.GetValue<string>() == "Page.loadEventFired")
                        lock (_pending)
                        {
                            foreach (var waiter in _loadWaiters) waiter.TrySetResult();
                            _loadWaiters.Clear();
                        }
                    continue;
                }
                TaskCompletionSource<JsonObject>? reply;
                lock (_pending) _pending.Remove(idNode.GetValue<int>(), out reply);
                reply?.TrySetResult(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            lock (_pending)
            {
                foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
                foreach (var waiter in _loadWaiters) waiter.TrySetException(new InvalidOperationException("The DevTools connection closed."));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
        }
        _socket.Dispose();
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsLine();
}
