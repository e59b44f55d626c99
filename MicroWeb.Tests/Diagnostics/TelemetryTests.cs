using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Diagnostics;

// What dotnet-counters and OpenTelemetry see: the semantic conventions' names, tags and a trace continued from the caller.
public class TelemetryTests
{
    [Fact]
    public async Task A_served_request_is_measured_and_traced_with_the_conventions_names()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == "MicroWeb") listener.EnableMeasurementEvents(instrument); };
        meters.SetMeasurementEventCallback<double>((i, value, tags, _) => measurements.Enqueue((i.Name, value, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, value, tags, _) => measurements.Enqueue((i.Name, value, Tags(tags))));
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MicroWeb",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(traces);

        var app = new MicroWebApp("t") { Logger = new CapturingLogger() };
        app.Get("/telemetria/<nombre>", (string nombre) => nombre);
        app.Get("/telemetria-falla", string () => throw new InvalidOperationException("boom"));
        await using var server = await LiveServer.StartAsync(app);
        var parent = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/telemetria/ana");
        request.Headers.Add("traceparent", $"00-{parent}-{ActivitySpanId.CreateRandom()}-01");
        (await server.Client.SendAsync(request)).EnsureSuccessStatusCode();
        (await server.Client.GetAsync("/telemetria-falla")).StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        await server.App.StopAsync(); // every request has ended, so its measurement and activity are recorded

        var duration = measurements.Single(m => m.Instrument == "http.server.request.duration" && Equals(m.Tags.GetValueOrDefault("http.route"), "/telemetria/<nombre>"));
        duration.Value.ShouldBeGreaterThan(0);
        duration.Tags["http.request.method"].ShouldBe("GET");
        duration.Tags["http.response.status_code"].ShouldBe(200);
        duration.Tags["url.scheme"].ShouldBe("http");
        measurements.ShouldContain(m => m.Instrument == "http.server.active_requests" && m.Value == 1);

        var served = activities.Single(a => Equals(a.GetTagItem("http.route"), "/telemetria/<nombre>"));
        served.Kind.ShouldBe(ActivityKind.Server);
        served.TraceId.ShouldBe(parent);
        served.DisplayName.ShouldBe("GET /telemetria/<nombre>");
        var failed = activities.Single(a => Equals(a.GetTagItem("http.route"), "/telemetria-falla"));
        failed.Status.ShouldBe(ActivityStatusCode.Error);
        failed.Events.ShouldContain(e => e.Name == "exception");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in tags) copy[key] = value;
        return copy;
    }
}
