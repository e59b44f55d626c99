using System.Net;

namespace MicroWeb.Hosting;

/// <summary>
/// A server that hosts the app's pipeline (<see cref="IRequestPipeline"/>): it owns the sockets, the HTTP parser and
/// the connections, turns what arrives into <see cref="Request"/>s and writes the <see cref="Response"/>s back.
/// <see cref="HttpListenerServer"/> is the built-in one; another (Kestrel through its <c>IHttpApplication</c>) would
/// implement the same three members and leave the pipeline as it is.
/// </summary>
internal interface IServer
{
    /// <summary>
    /// Starts accepting requests and hands each to <paramref name="pipeline"/>. Throws
    /// <see cref="InvalidOperationException"/> with advice when an address cannot be listened on.
    /// </summary>
    void Start(IRequestPipeline pipeline);

    /// <summary>The addresses listened on, as bound (a port 0 resolved); empty when the server cannot tell.</summary>
    IReadOnlyList<IPEndPoint> BoundEndPoints { get; }

    /// <summary>
    /// Stops: new connections are refused at once, requests in flight get <paramref name="timeout"/> (or until
    /// <paramref name="cancellationToken"/> fires) to finish, and those still running then have their connections
    /// reset, so no client takes a cut-off response for a complete one. Returns how many were reset.
    /// </summary>
    Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
