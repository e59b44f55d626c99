using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// Writes the console logger's lines to the process's standard error in batches, off the request path: a request
/// adds its access-log fields to a list and goes on (no text, no thread to wake, a lock held for one append), and a
/// timer swaps the list for an empty one and writes what gathered, at most every few milliseconds, in one system
/// call. Two lists used in turn keep memory flat (a ConcurrentQueue grows segments of up to a million entries).
/// Lines keep their order. The list is bounded: past <see cref="Capacity"/> waiting lines the request that finds it
/// full writes the backlog itself, so a flood of log lines slows requests down rather than eating memory. Pending
/// lines are written when the app stops and when the process exits.
/// </summary>
internal static class ConsoleLogWriter
{
    private const int Capacity = 10_000;
    private const int BatchChars = 32 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);

    // A line of text or an access-log entry. A struct: queuing one allocates nothing.
    private readonly record struct Item(string? Text, AccessLog Access);

    private static readonly object QueueGate = new();
    private static List<Item> _filling = new(1024);
    private static List<Item> _spare = new(1024);
    private static readonly object WriteGate = new();
    private static readonly StringBuilder Batch = new(BatchChars + 1024);
    private static int _scheduled;

    // Straight to file descriptor 2 through one large buffer: a batch leaves in one write system call. (Console.Error
    // writes in 256-byte pieces, which at tens of thousands of requests a second cost more than the requests.)
    private static readonly Lazy<StreamWriter> StandardError =
        new(() => new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 2 * BatchChars) { AutoFlush = false });

    private static readonly Lazy<Timer> Timer = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(TimeSpan.FromSeconds(2));
        return new Timer(_ => { Volatile.Write(ref _scheduled, 0); WriteQueued(); });
    });

    /// <summary>Queues one line (without its line break).</summary>
    public static void Write(string line) => Enqueue(new Item(line, default));

    /// <summary>Queues one access-log line, formatted when it is written.</summary>
    public static void Write(in AccessLog entry) => Enqueue(new Item(null, entry));

    private static void Enqueue(Item item)
    {
        int pending;
        lock (QueueGate)
        {
            _filling.Add(item);
            pending = _filling.Count;
        }
        if (pending > Capacity)
        {
            WriteQueued(); // backpressure: the producer that finds the queue full pays for the writing
            return;
        }
        // One timer run per interval, however many lines arrive in it.
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.Exchange(ref _scheduled, 1) == 0)
            Timer.Value.Change(BatchInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes every line queued so far (waiting at most <paramref name="timeout"/> for a write in progress).</summary>
    public static void Flush(TimeSpan timeout)
    {
        lock (QueueGate)
            if (_filling.Count == 0) return;
        if (!Monitor.TryEnter(WriteGate, timeout)) return;
        try { WriteQueuedLocked(); }
        finally { Monitor.Exit(WriteGate); }
    }

    private static void WriteQueued()
    {
        lock (WriteGate) WriteQueuedLocked();
    }

    private static void WriteQueuedLocked()
    {
        List<Item> batch;
        lock (QueueGate)
        {
            batch = _filling;
            _filling = _spare;
        }
        var now = DateTime.UtcNow; // the line's time is when it is written, at most one batch interval late
        foreach (var item in batch)
        {
            if (item.Text is { } text) Batch.Append(text);
            else item.Access.AppendTo(Batch, now);
            Batch.AppendLine();
            if (Batch.Length >= BatchChars) Send();
        }
        Send();
        batch.Clear();
        if (batch.Capacity > 4 * Capacity) batch.Capacity = 1024; // after a flood, give the memory back
        lock (QueueGate) _spare = batch;
    }

    private static void Send()
    {
        if (Batch.Length == 0) return;
        try
        {
            StandardError.Value.Write(Batch);
            StandardError.Value.Flush();
        }
        catch (Exception)
        {
            // Standard error is gone (closed pipe): logging must never take the app down.
        }
        Batch.Clear();
    }
}
