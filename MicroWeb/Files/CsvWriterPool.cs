using System.Collections.Concurrent;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace MicroWeb.Files;

/// <summary>
/// Reuses CsvHelper writers between responses. Building a <see cref="CsvWriter"/> maps the record type and compiles
/// its field writers: about a millisecond and 50 KB, far more than writing a small report, and on every request.
/// Writers are kept per record type and configuration, and pointed at each response's stream in turn.
/// </summary>
internal static class CsvWriterPool
{
    private const int KeptPerKey = 16;

    private sealed record Pooled(CsvWriter Csv, Retarget Output);

    private static readonly ConcurrentDictionary<(Type, CsvConfiguration), ConcurrentBag<Pooled>> Pools = new();

    /// <summary>Whether records of <typeparamref name="T"/> can use a pooled writer (a concrete type, not dynamic).</summary>
    public static bool Supports<T>() =>
        typeof(T) != typeof(object) && !typeof(T).IsInterface && !typeof(T).IsAbstract && !typeof(System.Collections.IDictionary).IsAssignableFrom(typeof(T));

    /// <summary>Writes a header row (when configured) and one row per record to <paramref name="output"/>, then flushes it.</summary>
    public static async Task WriteAsync<T>(IEnumerable<T> records, TextWriter output, CsvConfiguration configuration, CancellationToken cancellationToken)
    {
        var pool = Pools.GetOrAdd((typeof(T), configuration), static _ => new ConcurrentBag<Pooled>());
        if (!pool.TryTake(out var pooled))
        {
            var retarget = new Retarget();
            pooled = new Pooled(new CsvWriter(retarget, configuration, leaveOpen: true), retarget);
        }
        pooled.Output.Inner = output;
        var csv = pooled.Csv;
        if (configuration.HasHeaderRecord)
        {
            csv.WriteHeader<T>();
            await csv.NextRecordAsync();
        }
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteRecord(record);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        // Only a writer that finished cleanly goes back: one that failed may hold half a row.
        pooled.Output.Inner = TextWriter.Null;
        if (pool.Count < KeptPerKey) pool.Add(pooled);
    }

    // The writer a pooled CsvWriter keeps: it forwards to the response being written.
    private sealed class Retarget : TextWriter
    {
        public TextWriter Inner { get; set; } = Null;
        public override Encoding Encoding => Inner.Encoding;
        public override void Write(char value) => Inner.Write(value);
        public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);
        public override void Write(ReadOnlySpan<char> buffer) => Inner.Write(buffer);
        public override void Write(string? value) => Inner.Write(value);
        public override Task WriteAsync(char[] buffer, int index, int count) => Inner.WriteAsync(buffer, index, count);
        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => Inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(string? value) => Inner.WriteAsync(value);
        public override void Flush() => Inner.Flush();
        public override Task FlushAsync() => Inner.FlushAsync();
        public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);
    }
}
