using System.Text;
using System.Threading.Channels;

namespace MicroWeb.Hosting;

/// <summary>
/// Writes the console logger's lines to the process's standard error from a background task, in batches: a request hands its
/// access-log fields over and goes on, instead of formatting text, taking a lock and making a write system call of
/// its own (which cost about a quarter of a plaintext request). Lines keep their order; the queue is bounded, so a
/// flood of log lines slows requests down rather than eating memory; pending lines are flushed when the app stops
/// and when the process exits.
/// </summary>
internal static class ConsoleLogWriter
{
    private const int Capacity = 10_000;
    private const int BatchChars = 32 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);

    // One of: a line of text, an access-log entry, or a flush request. A struct: queuing one allocates nothing.
    private readonly record struct Item(string? Text, AccessLog Access, TaskCompletionSource? Flushed);

    private static readonly Channel<Item> Queue = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Straight to file descriptor 2 through one large buffer: a batch leaves in one write system call. (Console.Error
    // writes in 256-byte pieces, which at tens of thousands of requests a second cost more than the requests.)
    private static readonly Lazy<StreamWriter> StandardError =
        new(() => new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 2 * BatchChars) { AutoFlush = false });

    private static readonly Lazy<Task> Pump = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(TimeSpan.FromSeconds(2));
        return Task.Run(PumpAsync);
    });

    /// <summary>Queues one line (without its line break).</summary>
    public static void Write(string line) => Enqueue(new Item(line, default, null));

    /// <summary>Queues one access-log line, formatted by the writer.</summary>
    public static void Write(in AccessLog entry) => Enqueue(new Item(null, entry, null));

    private static void Enqueue(Item item)
    {
        _ = Pump.Value;
        if (!Queue.Writer.TryWrite(item)) Queue.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Waits until every line queued so far is written (or the timeout passes).</summary>
    public static void Flush(TimeSpan timeout)
    {
        if (!Pump.IsValueCreated) return;
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Queue.Writer.TryWrite(new Item(null, default, written))) written.Task.Wait(timeout);
    }

    private static async Task PumpAsync()
    {
        var reader = Queue.Reader;
        var batch = new StringBuilder(BatchChars + 1024);
        var flushed = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Length < BatchChars && reader.TryRead(out var item))
            {
                if (item.Flushed is { } waiter) flushed.Add(waiter);
                else if (item.Text is { } text) batch.AppendLine(text);
                else
                {
                    item.Access.AppendTo(batch);
                    batch.AppendLine();
                }
            }
            try
            {
                if (batch.Length > 0)
                {
                    StandardError.Value.Write(batch);
                    StandardError.Value.Flush();
                }
            }
            catch (Exception)
            {
                // Standard error is gone (closed pipe): logging must never take the app down.
            }
            var full = batch.Length >= BatchChars;
            batch.Clear();
            var flushing = flushed.Count > 0;
            foreach (var waiter in flushed) waiter.TrySetResult();
            flushed.Clear();
            // A light load: let lines gather for a moment, one write every few milliseconds instead of a thread
            // waking up for every request (a quiet app still sees its first line at once). A full batch means lines
            // arrive faster than that: write on at once, or the pause itself would cap the app's requests/s.
            if (!flushing && !full) await Task.Delay(BatchInterval).ConfigureAwait(false);
        }
    }
}
