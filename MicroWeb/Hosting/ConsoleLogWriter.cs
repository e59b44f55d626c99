using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// Writes the console logger's lines to the process's standard error in batches, off the request path. A request
/// encodes its line into a per-thread scratch buffer and copies the bytes into a shared batch under a lock held for
/// that copy only; a timer swaps the batch for an empty one and writes it, at most every few milliseconds, in one
/// system call. The batch holds bytes, not objects: a queued line keeps no request string alive, so logging does not
/// promote request garbage into older GC generations (which it did, at tens of thousands of lines a second, as long
/// as entries referenced the request's strings). Lines keep their order. Past <see cref="Capacity"/> bytes waiting,
/// the request that finds the batch full writes it itself, so a flood of log lines slows requests down rather than
/// eating memory. Pending lines are written when the app stops and when the process exits.
/// </summary>
internal static class ConsoleLogWriter
{
    private const int InitialBatch = 64 * 1024;
    private const int Capacity = 1024 * 1024;
    private const int MaxScratch = 16 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly byte[] NewLine = Utf8.GetBytes(Environment.NewLine);

    private static readonly object QueueGate = new();
    private static byte[] _filling = new byte[InitialBatch];
    private static int _filled;
    private static byte[] _spare = new byte[InitialBatch];
    private static readonly object WriteGate = new();
    private static int _scheduled;

    [ThreadStatic] private static byte[]? t_line;

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
        var scratch = Scratch(Utf8.GetMaxByteCount(line.Length) + NewLine.Length);
        Enqueue(scratch, Utf8.GetBytes(line, scratch));
    }

    /// <summary>Queues one access-log line, stamped with the current time.</summary>
    public static void Write(in AccessLog entry)
    {
        var scratch = Scratch(entry.MaxUtf8Length + NewLine.Length);
        Enqueue(scratch, entry.FormatUtf8(scratch, DateTime.UtcNow));
    }

    private static byte[] Scratch(int size)
    {
        if (size > MaxScratch) return new byte[size]; // a rare huge line (a long stack trace) is not kept per thread
        var scratch = t_line;
        if (scratch is null || scratch.Length < size) t_line = scratch = new byte[Math.Max(size, 512)];
        return scratch;
    }

    // Queues the first length bytes of the scratch buffer, followed by a line break.
    private static void Enqueue(byte[] scratch, int length)
    {
        NewLine.CopyTo(scratch, length);
        var line = scratch.AsSpan(0, length + NewLine.Length);
        int pending;
        lock (QueueGate)
        {
            if (_filled + line.Length > _filling.Length)
                Array.Resize(ref _filling, Math.Max(2 * _filling.Length, _filled + line.Length));
            line.CopyTo(_filling.AsSpan(_filled));
            pending = _filled += line.Length;
        }
        if (pending > Capacity)
        {
            WriteQueued(); // backpressure: the producer that finds the batch full pays for the writing
            return;
        }
        // One timer run per interval, however many lines arrive in it.
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.Exchange(ref _scheduled, 1) == 0)
            Timer.Value.Change(BatchInterval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes every line queued so far (waiting at most <paramref name="timeout"/> for a write in progress).</summary>
    public static void Flush(TimeSpan timeout)
    {
        // The write lock even when nothing is queued: a batch the timer took may still be on its way out.
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
        byte[] batch;
        int length;
        lock (QueueGate)
        {
            (batch, length) = (_filling, _filled);
            (_filling, _filled) = (_spare, 0);
        }
        if (length > 0)
        {
            try
            {
                (Redirect ?? StandardError.Value).Write(batch, 0, length);
            }
            catch (Exception)
            {
                // Standard error is gone (closed pipe): logging must never take the app down.
            }
        }
        if (batch.Length > InitialBatch) batch = new byte[InitialBatch]; // after a flood, give the memory back
        lock (QueueGate) _spare = batch;
    }
}
