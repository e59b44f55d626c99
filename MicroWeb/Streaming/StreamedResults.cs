using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MicroWeb.Http;

namespace MicroWeb.Streaming;

/// <summary>
/// Turns an async sequence returned by a handler into a streamed response: strings are sent as text (HTML, as a
/// returned string), byte arrays as bytes, <see cref="ServerSentEvent"/>s as an event stream, anything else as
/// NDJSON (one JSON document per line, <c>application/x-ndjson</c>).
/// </summary>
internal static class StreamedResults
{
    public const string NdjsonType = "application/x-ndjson";

    private static readonly ConcurrentDictionary<Type, Func<object, JsonSerializerOptions, Response>> ValueTypeStreams = new();

    /// <summary>The response for <paramref name="result"/> when it is an async sequence; null otherwise.</summary>
    public static Response? TryCreate(object result, JsonSerializerOptions json) => result switch
    {
        IAsyncEnumerable<string> text => Create(text, static (s, o) => Encoding.UTF8.GetBytes(s, o), Response.HtmlType),
        IAsyncEnumerable<byte[]> bytes => Create(bytes, static (b, o) => o.Write(b), "application/octet-stream"),
        IAsyncEnumerable<ReadOnlyMemory<byte>> memory => Create(memory, static (b, o) => o.Write(b.Span), "application/octet-stream"),
        IAsyncEnumerable<ServerSentEvent> events => EventStream(events, null),
        IAsyncEnumerable<object?> objects => Ndjson(objects, json), // any sequence of a reference type (covariance)
        _ => ValueTypeSequence(result, json),
    };

    /// <summary>An event stream with keep-alive comments every <paramref name="keepAlive"/> (15 s when null; off when zero or infinite).</summary>
    public static Response EventStream(IAsyncEnumerable<ServerSentEvent> events, TimeSpan? keepAlive)
    {
        var interval = keepAlive ?? TimeSpan.FromSeconds(15);
        var response = new Response
        {
            ContentType = EventStreamFormat.ContentType,
            Body = new StreamingBody<ServerSentEvent>(events, EventStreamFormat.Write,
                interval == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : interval, EventStreamFormat.KeepAlive),
        };
        response.Headers["Cache-Control"] = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx passes each event on instead of buffering the response
        return response;
    }

    public static Response Ndjson<T>(IAsyncEnumerable<T> items, JsonSerializerOptions json) => Create(items, (item, output) =>
    {
        using (var writer = new Utf8JsonWriter(output))
        {
            // The runtime type, as for a returned object; its contract from the options (a source-generated context when trimmed).
            if (item is null) writer.WriteNullValue();
            else JsonSerializer.Serialize(writer, item, JsonMetadata.Info(json, item.GetType()));
        }
        output.Write("\n"u8);
    }, NdjsonType);

    private static Response Create<T>(IAsyncEnumerable<T> items, Action<T, IBufferWriter<byte>> format, string contentType) =>
        new() { ContentType = contentType, Body = new StreamingBody<T>(items, format) };

    // IAsyncEnumerable<int> and other value types are not covariant to IAsyncEnumerable<object>: one generic method per type.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Handlers' result types are kept by their methods; JSON of them needs reflection anyway.")]
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Ndjson<T> is kept: it is referenced directly.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A sequence's class implements IAsyncEnumerable<T>, an interface trimming keeps on every constructed type that implements it.")]
    private static Response? ValueTypeSequence(object result, JsonSerializerOptions json)
    {
        var type = result.GetType();
        var create = ValueTypeStreams.GetOrAdd(type, static t =>
        {
            var sequence = t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
            if (sequence is null) return static (_, _) => null!;
            var method = typeof(StreamedResults).GetMethod(nameof(Ndjson), BindingFlags.Public | BindingFlags.Static)!
                .MakeGenericMethod(sequence.GetGenericArguments()[0]);
            return (items, options) => (Response)method.Invoke(null, [items, options])!;
        });
        return create(result, json);
    }
}
