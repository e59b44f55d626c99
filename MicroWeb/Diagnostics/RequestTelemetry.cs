using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace MicroWeb.Diagnostics;

/// <summary>
/// Metrics and traces of served requests under the names of OpenTelemetry's HTTP semantic conventions, in the BCL
/// only: the meter and the activity source are both called <c>MicroWeb</c> (<c>dotnet-counters monitor --counters
/// MicroWeb</c>; <c>AddMeter("MicroWeb")</c> and <c>AddSource("MicroWeb")</c> in OpenTelemetry). With no listener,
/// a request pays for two checks and nothing else.
/// </summary>
internal static class RequestTelemetry
{
    public const string Name = "MicroWeb";

    private static readonly string? Version = typeof(RequestTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "http.server.request.duration", unit: "s", description: "Duration of HTTP server requests.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>(
        "http.server.active_requests", unit: "{request}", description: "Number of active HTTP server requests.");

    /// <summary>A request arrived: counts it and starts its activity, continuing the caller's W3C <c>traceparent</c>.</summary>
    public static Activity? Start(string method, string? traceParent, string? traceState)
    {
        if (Active.Enabled) Active.Add(1, new KeyValuePair<string, object?>("http.request.method", method), new("url.scheme", "http"));
        if (!Source.HasListeners()) return null;
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = Source.StartActivity("MicroWeb.HttpRequest", ActivityKind.Server, parent);
        activity?.SetTag("http.request.method", method);
        return activity;
    }

    /// <summary>The response went out (or the connection failed): records the duration and ends the activity.</summary>
    public static void Stop(Activity? activity, string method, string? route, int status, string scheme, TimeSpan elapsed)
    {
        if (Active.Enabled) Active.Add(-1, new KeyValuePair<string, object?>("http.request.method", method), new("url.scheme", "http"));
        if (Duration.Enabled)
        {
            var tags = new TagList { { "http.request.method", method }, { "url.scheme", scheme } };
            if (route is not null) tags.Add("http.route", route);
            if (status != 0) tags.Add("http.response.status_code", status);
            else tags.Add("error.type", "connection_aborted");
            Duration.Record(elapsed.TotalSeconds, tags);
        }
        if (activity is null) return;
        activity.DisplayName = route is null ? method : $"{method} {route}";
        if (route is not null) activity.SetTag("http.route", route);
        activity.SetTag("url.scheme", scheme);
        if (status != 0) activity.SetTag("http.response.status_code", status);
        if (status is 0 or >= 500) activity.SetStatus(ActivityStatusCode.Error);
        activity.Stop();
    }
}
