using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// One request as the access log records it. The line is Werkzeug's:
/// <c>127.0.0.1 - - [25/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 - 0.4ms</c>. The default console logger encodes it
/// straight into UTF-8 bytes (<see cref="FormatUtf8"/>): no string is built for a line.
/// </summary>
/// <param name="Remote">The client's address, or null.</param>
/// <param name="Method">The request method.</param>
/// <param name="Target">The request target as sent.</param>
/// <param name="Status">The status code; 0 when no response was sent.</param>
/// <param name="Elapsed">Time from receiving the request to the end of the response.</param>
/// <param name="WhenUtc">When the request ended; the line shows it in local time.</param>
/// <remarks>It is the state of the access log's <see cref="Microsoft.Extensions.Logging.ILogger"/> entry: the default
/// console logger encodes it as bytes, other loggers read its properties (<c>Remote</c>, <c>Time</c>, <c>Method</c>,
/// <c>Target</c>, <c>Status</c>, <c>Ms</c>) or the formatted line.</remarks>
internal readonly record struct AccessLog(IPAddress? Remote, string Method, string Target, int Status, TimeSpan Elapsed, DateTime WhenUtc = default)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The access log's event: information level, id 1, named <c>Access</c>.</summary>
    public static readonly Microsoft.Extensions.Logging.EventId EventId = new(1, "Access");

    /// <summary>The formatter passed with the entry: the line, stamped with <see cref="WhenUtc"/>.</summary>
    public static readonly Func<AccessLog, Exception?, string> Format = static (entry, _) => entry.ToString(entry.WhenUtc);

    private const string Template = "{Remote} - - [{Time}] \"{Method} {Target} HTTP/1.1\" {Status} - {Ms}ms";

    /// <inheritdoc />
    public int Count => 7;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Remote", RemoteText),
        1 => new("Time", Timestamp(WhenUtc)),
        2 => new("Method", LogText.Escape(Method)),
        3 => new("Target", LogText.Escape(Target)),
        4 => new("Status", Status == 0 ? "-" : Status),
        5 => new("Ms", Milliseconds),
        6 => new("{OriginalFormat}", Template),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    // Both change rarely from one line to the next: encode them once, in objects every thread reads (a racing thread
    // at worst encodes the same text again).
    private static Stamped _stamp = new(long.MinValue, "", []);
    private static Address _remote = new(null, "-", "-"u8.ToArray());
    private static readonly Address Unknown = _remote;

    private sealed record Stamped(long Second, string Text, byte[] Utf8);

    private sealed record Address(IPAddress? Value, string Text, byte[] Utf8);

    // Wall-clock time from a Stopwatch timestamp the request path already read: the clock is asked once a second,
    // not once a line (the drift between the two clocks over a second is far below the log's resolution).
    private static Anchor _anchor = new(long.MinValue, default);

    private sealed record Anchor(long Timestamp, DateTime Utc);

    /// <summary>The current UTC time, given <see cref="Stopwatch.GetTimestamp"/> read just now.</summary>
    public static DateTime UtcAt(long timestamp)
    {
        var anchor = Volatile.Read(ref _anchor);
        var since = timestamp - anchor.Timestamp;
        if (since < 0 || since >= Stopwatch.Frequency)
        {
            Volatile.Write(ref _anchor, anchor = new Anchor(timestamp, DateTime.UtcNow));
            since = 0;
        }
        return anchor.Utc + Stopwatch.GetElapsedTime(0, since);
    }

    /// <summary>The time as the access log shows it (local time), formatted once per second.</summary>
    public static string Timestamp(DateTime utc) => Stamp(utc).Text;

    private static Stamped Stamp(DateTime utc)
    {
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        var stamp = Volatile.Read(ref _stamp);
        if (stamp.Second != second)
        {
            var text = utc.ToLocalTime().ToString("dd/MMM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            Volatile.Write(ref _stamp, stamp = new Stamped(second, text, Encoding.ASCII.GetBytes(text)));
        }
        return stamp;
    }

    private Address RemoteParts
    {
        get
        {
            // Compared by value: each connection has its own address object, most of them the same few addresses.
            if (Remote is null) return Unknown;
            var remote = Volatile.Read(ref _remote);
            if (!Remote.Equals(remote.Value))
            {
                var text = Remote.ToString();
                Volatile.Write(ref _remote, remote = new Address(Remote, text, Encoding.ASCII.GetBytes(text)));
            }
            return remote;
        }
    }

    /// <summary>The client address as text, "-" when unknown.</summary>
    public string RemoteText => RemoteParts.Text;

    /// <summary>The elapsed time in milliseconds, one decimal.</summary>
    public string Milliseconds => $"{Tenths / 10}.{Tenths % 10}";

    // Tenths of a millisecond, rounded, in integers: cheaper than formatting a double for every line.
    private long Tenths => (Elapsed.Ticks + TimeSpan.TicksPerMillisecond / 20) / (TimeSpan.TicksPerMillisecond / 10);

    /// <summary>The most bytes <see cref="FormatUtf8"/> can write.</summary>
    public int MaxUtf8Length => 192 + LogText.MaxExpansion * (Method.Length + Target.Length);

    /// <summary>Writes the line (without a line break) stamped with <paramref name="whenUtc"/>; returns its length.</summary>
    /// <remarks><paramref name="destination"/> must hold <see cref="MaxUtf8Length"/> bytes.</remarks>
    public int FormatUtf8(Span<byte> destination, DateTime whenUtc)
    {
        var at = 0;
        Put(destination, ref at, RemoteParts.Utf8);
        Put(destination, ref at, " - - ["u8);
        Put(destination, ref at, Stamp(whenUtc).Utf8);
        Put(destination, ref at, "] \""u8);
        at += Utf8Escaped(Method, destination[at..]);
        destination[at++] = (byte)' ';
        at += Utf8Escaped(Target, destination[at..]);
        Put(destination, ref at, " HTTP/1.1\" "u8);
        if (Status == 0) destination[at++] = (byte)'-';
        else at += Number(Status, destination[at..]);
        Put(destination, ref at, " - "u8);
        var tenths = Tenths;
        at += Number(tenths / 10, destination[at..]);
        destination[at++] = (byte)'.';
        destination[at++] = (byte)('0' + tenths % 10);
        Put(destination, ref at, "ms"u8);
        return at;
    }

    // Request values as sent, but with control characters escaped (LogText): a client cannot forge or colour a line.
    private static int Utf8Escaped(string text, Span<byte> destination)
    {
        if (LogText.IsPlain(text)) return Encoding.UTF8.GetBytes(text, destination);
        var escaped = LogText.Escape(text);
        return Encoding.UTF8.GetBytes(escaped, destination);
    }

    private static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
    }

    private static int Number(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : 0;

    /// <summary>The line stamped with the current time.</summary>
    public override string ToString() => ToString(DateTime.UtcNow);

    /// <summary>The line stamped with <paramref name="whenUtc"/>.</summary>
    public string ToString(DateTime whenUtc)
    {
        var bytes = new byte[MaxUtf8Length];
        return Encoding.UTF8.GetString(bytes, 0, FormatUtf8(bytes, whenUtc));
    }
}
