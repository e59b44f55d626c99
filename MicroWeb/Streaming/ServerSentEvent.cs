namespace MicroWeb.Streaming;

/// <summary>
/// One Server-Sent Event (the HTML standard's <c>text/event-stream</c>): <see cref="Data"/> (several lines become
/// several <c>data:</c> fields), an optional <see cref="Event"/> type, <see cref="Id"/> (sent back by a reconnecting
/// browser as <c>Last-Event-ID</c>, see <see cref="Request.LastEventId"/>), <see cref="Retry"/> and a <see cref="Comment"/>.
/// Stream them with <see cref="Web.EventStream"/>.
/// </summary>
/// <param name="Data">The event's data; null sends no <c>data:</c> field.</param>
public sealed record ServerSentEvent(string? Data = null)
{
    /// <summary>The event type (<c>event:</c>), which a browser dispatches to <c>addEventListener(type)</c>; "message" when null.</summary>
    /// <exception cref="ArgumentException">The value has a line break.</exception>
    public string? Event { get => _event; init => _event = SingleLine(value, nameof(Event)); }

    /// <summary>The event id (<c>id:</c>): the browser remembers it and sends it as <c>Last-Event-ID</c> when it reconnects.</summary>
    /// <exception cref="ArgumentException">The value has a line break or a NUL character.</exception>
    public string? Id
    {
        get => _id;
        init => _id = value?.Contains('\0') == true ? throw new ArgumentException("An event id cannot contain NUL.", nameof(Id)) : SingleLine(value, nameof(Id));
    }

    /// <summary>How long the browser waits before reconnecting (<c>retry:</c>, whole milliseconds).</summary>
    public TimeSpan? Retry { get; init; }

    /// <summary>A comment line (<c>: text</c>), ignored by browsers; handy for padding or debugging.</summary>
    /// <exception cref="ArgumentException">The value has a line break.</exception>
    public string? Comment { get => _comment; init => _comment = SingleLine(value, nameof(Comment)); }

    private readonly string? _event;
    private readonly string? _id;
    private readonly string? _comment;

    private static string? SingleLine(string? value, string name) =>
        value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0
            ? throw new ArgumentException($"A Server-Sent Event's {name} cannot contain a line break.", name)
            : value;
}
