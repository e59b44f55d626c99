using MicroWeb.Streaming;

namespace MicroWeb;

public static partial class Web
{
    /// <summary>
    /// A Server-Sent Events response (<c>text/event-stream</c>): each event is sent as soon as the sequence yields it.
    /// While no event comes, a comment line is sent every <paramref name="keepAlive"/> (15 s when null;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off), which keeps proxies from closing the connection and
    /// notices a client that went away. The sequence's cancellation token fires then, and when the server stops.
    /// A reconnecting browser sends the last id it saw: <see cref="Request.LastEventId"/>.
    /// </summary>
    public static Response EventStream(IAsyncEnumerable<ServerSentEvent> events, TimeSpan? keepAlive = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (keepAlive is { } k && k <= TimeSpan.Zero && k != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(keepAlive), k, "The keep-alive interval must be positive, or Timeout.InfiniteTimeSpan for none.");
        return StreamedResults.EventStream(events, keepAlive);
    }
}
