using System.Globalization;
using System.Net;
using System.Text;

namespace MicroWeb.Hosting;

/// <summary>
/// One request as the access log records it. The line is Werkzeug's:
/// <c>127.0.0.1 - - [25/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 - 0.4ms</c>. A request only captures these fields;
/// the default console logger formats them on its background writer, so the request pays for no text at all.
/// </summary>
/// <param name="Remote">The client's address, or null.</param>
/// <param name="Method">The request method.</param>
/// <param name="Target">The request target as sent.</param>
/// <param name="Status">The status code; 0 when no response was sent.</param>
/// <param name="Elapsed">Time from receiving the request to the end of the response.</param>
internal readonly record struct AccessLog(IPAddress? Remote, string Method, string Target, int Status, TimeSpan Elapsed)
{
    [ThreadStatic] private static (long Second, string Text) t_stamp;
    [ThreadStatic] private static (IPAddress? Address, string Text) t_remote;

    /// <summary>The time as the access log shows it (local time), formatted once per second per thread.</summary>
    public static string Timestamp(DateTime utc)
    {
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        if (t_stamp.Second != second || t_stamp.Text is null)
            t_stamp = (second, utc.ToLocalTime().ToString("dd/MMM/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
        return t_stamp.Text;
    }

    /// <summary>The client address as text, "-" when unknown.</summary>
    public string RemoteText
    {
        get
        {
            if (Remote is null) return "-";
            // A kept-alive connection sends many requests from one address object: format it once.
            if (!ReferenceEquals(t_remote.Address, Remote)) t_remote = (Remote, Remote.ToString());
            return t_remote.Text;
        }
    }

    /// <summary>The elapsed time in milliseconds, one decimal.</summary>
    public string Milliseconds => $"{Tenths / 10}.{Tenths % 10}";

    // Tenths of a millisecond, rounded, in integers: cheaper than formatting a double for every line.
    private long Tenths => (Elapsed.Ticks + TimeSpan.TicksPerMillisecond / 20) / (TimeSpan.TicksPerMillisecond / 10);

    /// <summary>Appends the line (without a line break), stamped with <paramref name="whenUtc"/>.</summary>
    public void AppendTo(StringBuilder line, DateTime whenUtc)
    {
        line.Append(RemoteText).Append(" - - [").Append(Timestamp(whenUtc)).Append("] \"")
            .Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\" ");
        if (Status == 0) line.Append('-');
        else line.Append(Status);
        var tenths = Tenths;
        line.Append(" - ").Append(tenths / 10).Append('.').Append((char)('0' + tenths % 10)).Append("ms");
    }

    /// <summary>The line stamped with the current time.</summary>
    public override string ToString() => ToString(DateTime.UtcNow);

    /// <summary>The line stamped with <paramref name="whenUtc"/>.</summary>
    public string ToString(DateTime whenUtc)
    {
        var line = new StringBuilder(96);
        AppendTo(line, whenUtc);
        return line.ToString();
    }
}
