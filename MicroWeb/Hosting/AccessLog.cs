using System.Globalization;
using System.Net;

namespace MicroWeb.Hosting;

/// <summary>
/// The access-log line, as Werkzeug writes it: <c>127.0.0.1 - - [25/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 - 0.4ms</c>.
/// Built in one pass without boxing, with the timestamp formatted once per second, because it is written for
/// every request.
/// </summary>
internal static class AccessLog
{
    private sealed record Stamp(long Second, string Text);

    private static Stamp _stamp = new(-1, "");

    /// <summary>The current local time as the access log shows it.</summary>
    public static string Timestamp()
    {
        var now = DateTime.Now;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var stamp = Volatile.Read(ref _stamp);
        if (stamp.Second != second)
            Volatile.Write(ref _stamp, stamp = new Stamp(second, now.ToString("dd/MMM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)));
        return stamp.Text;
    }

    /// <summary>Formats one line; <paramref name="status"/> 0 means no response was sent.</summary>
    public static string Line(IPEndPoint? remote, string method, string target, int status, TimeSpan elapsed) =>
        status == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{remote?.Address.ToString() ?? "-"} - - [{Timestamp()}] \"{method} {target} HTTP/1.1\" - - {elapsed.TotalMilliseconds:0.0}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{remote?.Address.ToString() ?? "-"} - - [{Timestamp()}] \"{method} {target} HTTP/1.1\" {status} - {elapsed.TotalMilliseconds:0.0}ms");
}
