using System.Text;
using System.Threading.Channels;

namespace MicroWeb.Hosting;

/// <summary>
/// Writes the console logger's lines to the process's standard error, off the request path: a request queues its line
/// in a channel, and one writer thread encodes what is waiting into one buffer and writes it in one system call, at
/// most every few milliseconds. Lines come out in the order they were queued. Past <see cref="Capacity"/> waiting
/// lines, a request waits for room, so a flood of log lines slows requests down rather than eating memory. Pending
/// lines are written when the app stops and when the process exits.
/// </summary>
internal static class ConsoleLogWriter
{
    // Lines waiting: many times what arrives between two writes, and a bound on the memory a blocked standard error
    // holds (a line keeps its request's method and target strings until it is written).
    private const int Capacity = 4096;
    private const int BatchBytes = 64 * 1024;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(10);
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly byte[] NewLine = Utf8.GetBytes(Environment.NewLine);

    // A line as queued: text, or an access-log entry encoded by the writer; or a flush asking to be told when
    // everything before it is written.
    private readonly record struct Line(string? Text, AccessLog Access, DateTime WhenUtc, ManualResetEventSlim? Flushed);

    // Synchronous continuations: the writer thread (and a request waiting for room) is woken by the thread that
    // makes it ready, never by a callback queued to a thread pool that a flood may have starved.
    private static readonly Channel<Line> Lines = Channel.CreateBounded<Line>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true });

    // Cuts the writer's pause short when a flush is waiting.
    private static readonly ManualResetEventSlim Wake = new();

    private static readonly Lazy<Thread> Writer = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(TimeSpan.FromSeconds(2));
        var thread = new Thread(WriteLines) { IsBackground = true, Name = "MicroWeb console log" };
        thread.Start();
        return thread;
    });

    // Straight to file descriptor 2, unbuffered: a batch leaves in one write system call (Console.Error writes in
    // 256-byte pieces; bench/README.md, "Logging").
    private static readonly Lazy<Stream> StandardError = new(Console.OpenStandardError);

    /// <summary>Where batches go instead of standard error (for tests).</summary>
    internal static Stream? Redirect { get; set; }

    /// <summary>Queues one line (without its line break).</summary>
    public static void Write(string line) => Queue(new Line(line, default, default, null));

    /// <summary>Queues one access-log line, stamped with <paramref name="whenUtc"/>.</summary>
    public static void Write(in AccessLog entry, DateTime whenUtc) => Queue(new Line(null, entry, whenUtc, null));

    private static void Queue(in Line line)
    {
        _ = Writer.Value;
        if (Lines.Writer.TryWrite(line)) return;
        Wake.Set(); // full: the writer should not finish its pause first
        Lines.Writer.WriteAsync(line).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Writes every line queued so far, waiting at most <paramref name="timeout"/>.</summary>
    public static void Flush(TimeSpan timeout)
    {
        if (!Writer.IsValueCreated) return; // nothing was ever queued
        // Not disposed: after a timeout the writer may still set it.
        var flushed = new ManualResetEventSlim();
        var marker = new Line(null, default, default, flushed);
        if (!Lines.Writer.TryWrite(marker) && !Lines.Writer.WriteAsync(marker).AsTask().Wait(timeout)) return;
        Wake.Set();
        flushed.Wait(timeout);
    }

    private static void WriteLines()
    {
        var buffer = new byte[BatchBytes];
        while (true)
        {
            if (!Lines.Reader.TryPeek(out _)) Lines.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
            var length = 0;
            while (Lines.Reader.TryRead(out var line))
            {
                if (line.Flushed is { } flushed)
                {
                    Send(buffer, ref length);
                    flushed.Set();
                    continue;
                }
                var most = (line.Text is { } text ? Utf8.GetMaxByteCount(text.Length) : line.Access.MaxUtf8Length) + NewLine.Length;
                if (length + most > buffer.Length)
                {
                    Send(buffer, ref length);
                    if (most > buffer.Length) buffer = new byte[most];
                }
                try
                {
                    var written = line.Text is { } t ? Utf8.GetBytes(t, buffer.AsSpan(length)) : line.Access.FormatUtf8(buffer.AsSpan(length), line.WhenUtc);
                    NewLine.CopyTo(buffer.AsSpan(length + written));
                    length += written + NewLine.Length;
                }
                catch (Exception)
                {
                    // A line that cannot be encoded is lost; the writer thread, and with it the process, lives on.
                }
            }
            Send(buffer, ref length);
            if (buffer.Length > BatchBytes) buffer = new byte[BatchBytes]; // after a long line, give the memory back
            // Lines arriving meanwhile are gathered into the next write: at most one system call per interval.
            Wake.Wait(BatchInterval);
            Wake.Reset();
        }
    }

    private static void Send(byte[] buffer, ref int length)
    {
        if (length == 0) return;
        try
        {
            (Redirect ?? StandardError.Value).Write(buffer, 0, length);
        }
        catch (Exception)
        {
            // Standard error is gone (closed pipe): logging must never take the app down.
        }
        length = 0;
    }
}
