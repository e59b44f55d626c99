using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using MicroWeb.Diagnostics;
using MicroWeb.Hosting;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

// The app is the pipeline side of the server boundary (IRequestPipeline); the server it starts is an IServer.
public sealed partial class MicroWebApp : IRequestPipeline
{
    private IServer? _server;
    private int _started;

    /// <summary>The URLs the app listens on, once started (port 0 resolved to the real port).</summary>
    public IReadOnlyList<string> Urls { get; private set; } = [];

    /// <summary>
    /// Serves until Ctrl+C or SIGTERM, like <c>app.run()</c>. Host and port default to <see cref="Config"/>; unless
    /// <see cref="Configure"/> was called, the <c>MICROWEB_*</c> environment variables are applied first.
    /// </summary>
    public void Run(string? host = null, int? port = null) => RunAsync(host, port).GetAwaiter().GetResult();

    /// <summary>
    /// Serves until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>, then stops gracefully (see
    /// <see cref="StopAsync"/>). A second Ctrl+C or SIGTERM during the stop exits the process at once. When requests
    /// had to be cut off, the process exit code becomes 1 (<see cref="Environment.ExitCode"/>).
    /// </summary>
    public async Task RunAsync(string? host = null, int? port = null, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = 0;
        void OnSignal(string name, int exitCode)
        {
            if (Interlocked.Increment(ref signals) == 1) { stop.Cancel(); return; }
            Console.Error.WriteLine($" * Second {name}: exiting now, without waiting for requests in flight.");
            ConsoleLogWriter.Flush(TimeSpan.FromMilliseconds(200));
            Environment.Exit(exitCode);
        }
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; OnSignal("Ctrl+C", 130); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; OnSignal("SIGTERM", 143); });
        try
        {
            if (!_configured) Configure([]);
            await StartAsync(host, port, cancellationToken);
            PrintBanner();
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            await StopAsync(CancellationToken.None);
            if (LastStopResetRequests > 0) Environment.ExitCode = 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Starts listening and returns; for apps that embed MicroWeb. Port 0 picks a free port (see <see cref="Urls"/>).</summary>
    public Task StartAsync(string? host = null, int? port = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync([(host ?? Config.Host, port ?? Config.Port)], cancellationToken);

    /// <summary>Starts on the URLs given in <see cref="MicroWebOptions.Urls"/>, or on <c>Config.Host</c> and <c>Config.Port</c>.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        _options.Urls.Count > 0 ? StartAsync(_options.Urls, cancellationToken) : StartAsync(null, null, cancellationToken);

    /// <summary>Starts on several URLs at once (<c>http://127.0.0.1:8080/</c>, <c>http://0.0.0.0:0/</c>...); port 0 picks a free port.</summary>
    public Task StartAsync(IEnumerable<string> urls, CancellationToken cancellationToken = default)
    {
        var endpoints = new List<(string Host, int Port)>();
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme != "http")
                throw new ArgumentException($"'{url}' is not an http:// URL (HttpListener on Linux has no TLS: put a reverse proxy in front for https).");
            endpoints.Add((uri.Host.Trim('[', ']'), uri.Port));
        }
        if (endpoints.Count == 0) throw new ArgumentException("No URL to listen on.", nameof(urls));
        return StartCoreAsync(endpoints, cancellationToken);
    }

    private Task StartCoreAsync(IReadOnlyList<(string Host, int Port)> endpoints, CancellationToken cancellationToken)
    {
        if (_server is not null) throw new InvalidOperationException("The app is already running.");
        cancellationToken.ThrowIfCancellationRequested();
        Sessions.SessionKeys.CheckStrength(Config, Logger);
        MarkStarted();

        for (var attempt = 0; ; attempt++)
        {
            var chosen = new (string Host, int Port)[endpoints.Count];
            for (var i = 0; i < chosen.Length; i++)
                chosen[i] = (endpoints[i].Host, endpoints[i].Port == 0 ? ListenAddress.FreePort() : endpoints[i].Port);
            IServer server = new HttpListenerServer(chosen, Config, Logger) { UseOwnEndPoints = UseOwnListenerEndPoints };
            try
            {
                server.Start(this);
            }
            catch (InvalidOperationException) when (endpoints.Any(e => e.Port == 0) && attempt < 5)
            {
                continue; // a free port was taken between asking and binding: ask again
            }
            _server = server;
            WarnIfNoTemplatesFolder();
            (Config.Host, Config.Port) = chosen[0];
            Urls = ShownUrls(chosen, server.BoundEndPoints);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Stops gracefully: new connections are refused at once, requests in flight get <c>Config.ShutdownTimeout</c> (or
    /// until <paramref name="cancellationToken"/> fires) to finish, and the connections of those still running are
    /// then reset, so that no client or proxy takes a cut-off response for a complete one.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null) return;
        await CloseWebSocketsAsync();
        LastStopResetRequests = await server.StopAsync(Config.ShutdownTimeout, cancellationToken);
        ConsoleLogWriter.Flush(TimeSpan.FromSeconds(1)); // the access log is written in the background
    }

    /// <summary>How many requests the last stop had to cut off (their connections reset); 0 when all finished.</summary>
    public int LastStopResetRequests { get; private set; }

    // Tests turn this off to exercise the fallback for runtimes whose HttpListener internals differ (see ListenerEndPoint).
    internal bool UseOwnListenerEndPoints { get; set; } = true;

    // A URL that works in a browser for each address listened on. HttpListener refuses a Host header that is an IPv6
    // literal ([::1]:5000) with its own 400, so the IPv6 loopback is shown as localhost, which reaches it too.
    // (Plain loops: LINQ over value tuples is code no ReadyToRun image holds, compiled at startup.)
    private static string[] ShownUrls((string Host, int Port)[] endpoints, IReadOnlyList<IPEndPoint> bound)
    {
        var urls = new List<string>();
        void Add(string url) { if (!urls.Contains(url)) urls.Add(url); }
        foreach (var (host, port) in endpoints)
        {
            var addresses = bound.Where(b => b.Port == port).ToList();
            if (ListenAddress.IsAllInterfaces(host) || addresses.Count == 0) Add(ListenAddress.Display(host, port));
            else
                foreach (var b in addresses)
                    Add(b.Address.Equals(IPAddress.IPv6Loopback) || host == "localhost" ? $"http://localhost:{b.Port}/" : ListenAddress.Display(b.Address.ToString(), b.Port));
        }
        return urls.ToArray();
    }

    // Apps without templates are fine, so only a warning; it names the path, which is what a wrong content root needs.
    private void WarnIfNoTemplatesFolder()
    {
        // The path from the settings, not from the template engine: Scriban starts when the first template renders.
        var folder = Config.Resolve(Config.TemplatesFolder);
        if (!Directory.Exists(folder))
            Logger.LogWarning("No templates folder at {Path}: RenderTemplate will fail. Set the content root (ContentRoot, " +
                "MICROWEB_CONTENT_ROOT or --content-root) if the app's files are elsewhere", folder);
    }

    private void PrintBanner()
    {
        Console.WriteLine($" * Serving MicroWeb app '{Name}'");
        Console.WriteLine($" * Debug mode: {(Debug ? "on" : "off")}");
        if (!Debug)
            Console.WriteLine(" * Production mode: errors show a generic page; details go to the log with a request id.");
        if (Debug && !ListenAddress.IsLoopback(Config.Host))
        {
            Console.WriteLine(" * WARNING: DEBUG MODE IS LISTENING ON A NON-LOOPBACK ADDRESS. Anyone who can reach it sees");
            Console.WriteLine(" * WARNING: stack traces, source code and request headers. Use --host 127.0.0.1 or turn debug off.");
            Logger.LogWarning("Debug mode is listening on {Host}, not on loopback: detailed error pages are exposed", Config.Host);
        }
        else if (!ListenAddress.IsLoopback(Config.Host))
            Console.WriteLine(" * Running on all addresses; put a reverse proxy in front for TLS and untrusted networks.");
        foreach (var url in Urls) Console.WriteLine($" * Running on {url} (Press CTRL+C to quit)");
    }

    RequestRecord IRequestPipeline.Begin(string method, string target, string? traceParent, string? traceState) =>
        new(Stopwatch.GetTimestamp(), RequestTelemetry.Start(method, traceParent, traceState), method, target);

    ValueTask<Response> IRequestPipeline.HandleAsync(Request request) => HandleCoreAsync(request);

    bool IRequestPipeline.HasWebSocketRoutes => HasWebSocketRoutes;

    void IRequestPipeline.End(in RequestRecord record, Request? request, IPEndPoint? remote, int status)
    {
        var ended = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(record.Started, ended);
        // The client's address a trusted proxy forwarded, when the pipeline read one.
        LogAccess(request?.RemoteEndPoint ?? remote, record.Method, record.Target, status, elapsed, ended);
        RequestTelemetry.Stop(record.Activity, record.Method, request?.Rule, status, request?.Scheme ?? "http", elapsed);
    }

    // ended: the Stopwatch timestamp taken when the request ended.
    private void LogAccess(IPEndPoint? remote, string method, string target, int status, TimeSpan elapsed, long ended)
    {
        if (!Config.AccessLog || !Logger.IsEnabled(LogLevel.Information)) return;
        Logger.Log(LogLevel.Information, Hosting.AccessLog.EventId, new AccessLog(remote?.Address, method, target, status, elapsed, Hosting.AccessLog.UtcAt(ended)),
            null, Hosting.AccessLog.Format);
    }

    private readonly object _startGate = new();

    // The first request or StartAsync freezes the route table; routes that depend on Config are added just before.
    internal void MarkStarted()
    {
        if (Volatile.Read(ref _started) != 0) return;
        lock (_startGate)
        {
            if (_started != 0) return;
            AddStaticRoute();
            foreach (var endpoint in _routeEndpoints) endpoint.Complete(this, _routes, _cors, _rateLimits);
            Volatile.Write(ref _started, 1);
        }
    }

    private void ThrowIfStarted()
    {
        if (Volatile.Read(ref _started) != 0)
            throw new InvalidOperationException("Routes must be registered before the app starts serving.");
    }
}
