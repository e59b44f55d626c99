using System.Diagnostics;
using System.Net;

namespace MicroWeb.Hosting;

/// <summary>
/// The app as a server sees it: the one side of the server boundary. For each request a server calls
/// <see cref="Begin"/> when it arrives, <see cref="HandleAsync"/> with the request, and <see cref="End"/> once the
/// response went out or the connection failed. Everything in between (routing, hooks, errors, sessions) and around
/// it (the access log, metrics and traces) is the pipeline's; how bytes reach the socket is the server's.
/// </summary>
internal interface IRequestPipeline
{
    /// <summary>A request arrived: its clock starts and, when something listens, its trace (continuing the client's
    /// W3C <c>traceparent</c>). Call it before anything else, including answers the server gives itself.</summary>
    RequestRecord Begin(string method, string target, string? traceParent, string? traceState);

    /// <summary>Runs the request through the app and returns the response to send. Never throws for a bad request.
    /// A server that can upgrade the connection sets <see cref="Request.AcceptWebSocket"/> first (only when
    /// <see cref="HasWebSocketRoutes"/>); a response with <see cref="Response.IsUpgraded"/> has used the connection
    /// and is not written.</summary>
    ValueTask<Response> HandleAsync(Request request);

    /// <summary>True when a route takes WebSocket upgrades; fixed once the app has started.</summary>
    bool HasWebSocketRoutes { get; }

    /// <summary>
    /// The request is over: <paramref name="status"/> is what was sent, 0 when no response was (the connection was
    /// reset or failed). <paramref name="request"/> is null when the server answered without building one;
    /// <paramref name="remote"/> is the client's address as the server saw it. Writes the access-log line and
    /// ends the request's metrics and trace.
    /// </summary>
    void End(in RequestRecord record, Request? request, IPEndPoint? remote, int status);
}

/// <summary>What <see cref="IRequestPipeline.Begin"/> started, for the server to hand back to <see cref="IRequestPipeline.End"/>.</summary>
/// <param name="Started">The <see cref="Stopwatch.GetTimestamp"/> of the arrival.</param>
/// <param name="Activity">The request's trace, or null when nothing listens.</param>
/// <param name="Method">The method as sent.</param>
/// <param name="Target">The request target as sent.</param>
internal readonly record struct RequestRecord(long Started, Activity? Activity, string Method, string Target);
