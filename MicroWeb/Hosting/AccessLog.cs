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
/// <param name="WhenUtc">When the response ended.</param>
internal readonly record struct AccessLog(IPAddress? Remote, string Method, string Target, int Status, TimeSpan Elapsed, DateTime WhenUtc)
{
    [ThreadStatic] private static (long Second, string Text) t_stamp;

    /// <summary>The time as the access log shows it (local time), formatted once per second per thread.</summary>
    public static string Timestamp(DateTime utc)
    {
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        if (t_stamp.Second != second || t_stamp.Text is null)
            t_stamp = (second, utc.ToLocalTime().ToString("dd/MMM/yyyy HH:mm:ss", CultureInfo.InvariantCulture));
        return t_stamp.Text;
    }

    /// <summary>The client address as text, "-" when unknown.</summary>
    public string RemoteText => Remote?.ToString() ?? "-";

    /// <summary>The elapsed time in milliseconds, one decimal.</summary>
    public string Milliseconds => Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>Appends the line (without a line break).</summary>
    public void AppendTo(StringBuilder line)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (Remote is null) line.Append('-');
        else line.Append(invariant, $"{Remote}");
        line.Append(invariant, $" - - [{Timestamp(WhenUtc)}] \"{Method} {Target} HTTP/1.1\" ");
        if (Status == 0) line.Append('-');
        else line.Append(Status);
        line.Append(invariant, $" - {Elapsed.TotalMilliseconds:F1}ms");
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var line = new StringBuilder(96);
        AppendTo(line);
        return line.ToString();
    }
}
