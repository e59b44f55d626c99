using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// Writes the console logger's lines to the process's standard error in batches, off the request path. Each thread
/// encodes its lines straight into a batch of its own, under a lock that only the collector ever contends for; a
/// timer collects every thread's batch at most every few milliseconds and writes them in one system call. (A single
/// shared batch cost a third more per line once several request threads wrote to it: the lock and the buffer's
/// memory went back and forth between cores.) Batches hold bytes, not objects: a queued line keeps no request string
/// alive, so logging does not promote request garbage into older GC generations. A thread's lines keep their order;
/// lines of different threads within one collection come out grouped by thread. Past <see cref="Capacity"/> bytes
/// waiting on one thread, that thread writes everything itself, so a flood of log lines slows requests down rather
/// than eating memory. Pending lines are written when the app stops and when the process exits.
/// </summary>
internal static class ConsoleLogWriter
{
    private const int InitialBatch = 16 * 1024;
    private const int Capacity = 256 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly byte[] NewLine = Utf8.GetBytes(Environment.NewLine);

    // One per thread that ever logged; the collector walks them. Guarded by itself.
    private static readonly List<ThreadBatch> Batches = [];
    private static readonly object WriteGate = new();
    private static byte[] _collected = new byte[4 * InitialBatch]; // guarded by WriteGate
    private static int _scheduled;

    [ThreadStatic] private static ThreadBatch? t_batch;

    // Straight to file descriptor 2, unbuffered: a batch leaves in one write system call. (Console.Error writes in
    // 256-byte pieces, which at tens of thousands of requests a second cost more than the requests.)
    private static readonly Lazy<Stream> StandardError = new(Console.OpenStandardError);

    private static readonly Lazy<Timer> Timer = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(TimeSpan.FromSeconds(2));
        return new Timer(_ => { Volatile.Write(ref _scheduled, 0); WriteQueued(); });
    });

    /// <summary>Where batches go instead of standard error (for tests).</summary>
    internal static Stream? Redirect { get; set; }

    /// <summary>Queues one line (without its line break).</summary>
    public static void Write(string line)
    {
        var batch = CurrentBatch();
        int pending;
        lock (batch)
        {
            var room = batch.Reserve(Utf8.GetMaxByteCount(line.Length) + NewLine.Length);
            pending = batch.Commit(Utf8.GetBytes(line, room));
        }
        Queued(pending);
    }

    /// <summary>Queues one access-log line, stamped with <paramref name="whenUtc"/>.</summary>
    public static void Write(in AccessLog entry, DateTime whenUtc)
    {
        var batch = CurrentBatch();
        int pending;
        lock (batch)
        {
            var room = batch.Reserve(entry.MaxUtf8Length + NewLine.Length);
            pending = batch.Commit(entry.FormatUtf8(room, whenUtc));
        }
        Queued(pending);
    }

    private static ThreadBatch CurrentBatch()
    {
        if (t_batch is { } batch) return batch;
        t_batch = batch = new ThreadBatch();
        lock (Batches) Batches.Add(batch);
        return batch;
    }

    private static void Queued(int pending)
    {
        if (pending > Capacity)
        {
            WriteQueued(); // backpressure: the producer that finds its batch full pays for the writing
            return;
        }
        // One timer run per interval, however many lines arrive in it.
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.Exchange(ref _scheduled, 1) == 0)
            Timer.Value.Change(BatchInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes every line queued so far (waiting at most <paramref name="timeout"/> for a write in progress).</summary>
    public static void Flush(TimeSpan timeout)
    {
        // The write lock even when nothing is queued: a collection the timer took may still be on its way out.
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
        ThreadBatch[] batches;
        lock (Batches) batches = [.. Batches];
        var length = 0;
        foreach (var batch in batches)
        {
            lock (batch)
            {
                if (length + batch.Filled > _collected.Length)
                    Array.Resize(ref _collected, Math.Max(2 * _collected.Length, length + batch.Filled));
                length += batch.TakeInto(_collected.AsSpan(length));
            }
            // A thread that ended leaves its (now empty) batch behind: forget it.
            if (!batch.Owner.IsAlive) lock (Batches) Batches.Remove(batch);
        }
        if (length > 0)
        {
            try
            {
                (Redirect ?? StandardError.Value).Write(_collected, 0, length);
            }
            catch (Exception)
            {
                // Standard error is gone (closed pipe): logging must never take the app down.
            }
        }
        if (_collected.Length > 4 * InitialBatch) _collected = new byte[4 * InitialBatch]; // after a flood, give the memory back
    }

    // The lines one thread queued since the last collection. Locked by its owner to append, by the collector to take.
    private sealed class ThreadBatch
    {
        private byte[] _bytes = new byte[InitialBatch];

        public Thread Owner { get; } = Thread.CurrentThread;

        public int Filled { get; private set; }

        // Room for a line of at most size bytes (its line break included) at the end of the batch.
        public Span<byte> Reserve(int size)
        {
            if (Filled + size > _bytes.Length) Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, Filled + size));
            return _bytes.AsSpan(Filled);
        }

        // Ends the line of the given length written into the reserved room; returns the bytes now waiting.
        public int Commit(int length)
        {
            NewLine.CopyTo(_bytes.AsSpan(Filled + length));
            return Filled += length + NewLine.Length;
        }

        public int TakeInto(Span<byte> destination)
        {
            var taken = Filled;
            _bytes.AsSpan(0, taken).CopyTo(destination);
            Filled = 0;
            if (_bytes.Length > InitialBatch && taken < InitialBatch / 2) _bytes = new byte[InitialBatch]; // the flood is over
            return taken;
        }
    }
}
