using System.Buffers;
using System.Globalization;
using System.Text;

namespace MicroWeb.Streaming;

/// <summary>Writes Server-Sent Events in the <c>text/event-stream</c> format (HTML standard, section 9.2).</summary>
internal static class EventStreamFormat
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    /// <summary>An empty comment: sent while no event comes, so proxies keep the connection and a gone client is noticed.</summary>
    public static ReadOnlyMemory<byte> KeepAlive { get; } = ":\n\n"u8.ToArray();

    public static void Write(ServerSentEvent e, IBufferWriter<byte> output)
    {
        if (e.Comment is { } comment)
        {
            Encoding.UTF8.GetBytes(": ", output);
            Encoding.UTF8.GetBytes(comment, output);
            Encoding.UTF8.GetBytes("\n", output);
        }
        if (e.Event is { } type) Field(output, "event", type);
        if (e.Id is { } id) Field(output, "id", id);
        if (e.Retry is { } retry) Field(output, "retry", ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        if (e.Data is { } data)
        {
            // Each line of the data is a data: field; the browser joins them with "\n" again.
            var rest = data.AsSpan();
            while (true)
            {
                var end = rest.IndexOfAny('\r', '\n');
                Field(output, "data", end < 0 ? rest : rest[..end]);
                if (end < 0) break;
                rest = rest[(end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1))..];
            }
        }
        Encoding.UTF8.GetBytes("\n", output); // a blank line dispatches the event
    }

    private static void Field(IBufferWriter<byte> output, string name, ReadOnlySpan<char> value)
    {
        Encoding.UTF8.GetBytes(name, output);
        Encoding.UTF8.GetBytes(value.IsEmpty ? ":" : ": ", output);
        Encoding.UTF8.GetBytes(value, output);
        Encoding.UTF8.GetBytes("\n", output);
    }
}
