using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics.Metrics;
using System.Net;
using MicroWeb.Hosting;
using MicroWeb.Http;
using Microsoft.Extensions.Logging;

namespace MicroWeb.Tests.Hosting;

/// <summary>
/// The app's side of the server boundary (IRequestPipeline), driven as a server other than HttpListener would drive
/// it: Begin, HandleAsync, End. What every server must get without copying it (the access log with its fields, the
/// request's metrics) comes from the pipeline.
/// </summary>
public sealed class ServerBoundaryTests
{
    /// <summary>Keeps each access-log entry: the formatted line and the structured fields a JSON logger would write.</summary>
    private sealed class StructuredLogger : ILogger
    {
        public ConcurrentQueue<(string Line, Dictionary<string, object?> Fields)> Access { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name != "Access") return;
            var fields = state is IReadOnlyList<KeyValuePair<string, object?>> list ? list.ToDictionary(p => p.Key, p => p.Value) : [];
            Access.Enqueue((formatter(state, exception), fields));
        }
    }

    [Fact]
    public async Task Another_server_gets_the_access_log_and_the_metrics_from_the_pipeline()
    {
        var durations = new ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: "MicroWeb", Name: "http.server.request.duration" }) listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var (key, v) in tags) copy[key] = v;
            durations.Enqueue((value, copy));
        });
        meters.Start();
        var log = new StructuredLogger();
        var app = new MicroWebApp("t") { Logger = log };
        app.Get("/frontera/<nombre>", (string nombre) => $"Hola {nombre}");
        IRequestPipeline pipeline = app;

        // What a server does for one request.
        var record = pipeline.Begin("GET", "/frontera/ana?x=1", null, null);
        var request = new Request("GET", "/frontera/ana?x=1", new RequestHeaders(new NameValueCollection { ["Host"] = "shop.test" }),
            remoteEndPoint: new IPEndPoint(IPAddress.Parse("10.0.0.7"), 40000));
        var response = await pipeline.HandleAsync(request);
        response.StatusCode.ShouldBe(200);
        pipeline.End(record, request, request.RemoteEndPoint, response.StatusCode);
        // And for a connection that failed before a request was built.
        var failed = pipeline.Begin("POST", "/frontera/x", null, null);
        pipeline.End(failed, null, new IPEndPoint(IPAddress.Parse("10.0.0.8"), 40001), 0);

        log.Access.Count.ShouldBe(2);
        var (line, fields) = log.Access.First();
        line.ShouldMatch(@"^10\.0\.0\.7 - - \[[^\]]+\] ""GET /frontera/ana\?x=1 HTTP/1\.1"" 200 - \d+\.\dms$");
        fields["Remote"].ShouldBe("10.0.0.7");
        fields["Method"].ShouldBe("GET");
        fields["Target"].ShouldBe("/frontera/ana?x=1");
        fields["Status"].ShouldBe(200);
        fields["{OriginalFormat}"].ShouldBe("{Remote} - - [{Time}] \"{Method} {Target} HTTP/1.1\" {Status} - {Ms}ms");
        log.Access.Last().Line.ShouldContain("\"POST /frontera/x HTTP/1.1\" - - ");

        var served = durations.Single(d => Equals(d.Tags.GetValueOrDefault("http.route"), "/frontera/<nombre>"));
        served.Tags["http.response.status_code"].ShouldBe(200);
        served.Tags["http.request.method"].ShouldBe("GET");
        durations.ShouldContain(d => Equals(d.Tags.GetValueOrDefault("error.type"), "connection_aborted") && Equals(d.Tags["http.request.method"], "POST"));
    }
}
