using Microsoft.Extensions.Logging;

namespace MicroWeb.Hosting;

/// <summary>The logger used when the app is not given one: one line per message on standard error (written in the background by <see cref="ConsoleLogWriter"/>).</summary>
internal sealed class ConsoleLogger(string category, Func<LogLevel> minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum() && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        // An access-log line is encoded as bytes by the writer: no string, no message template.
        if (state is AccessLog access)
        {
            ConsoleLogWriter.Write(access, access.WhenUtc);
            return;
        }
        var line = $"[{DateTime.Now:yyyy-MM-dd HH:mm:ss}] {Level(logLevel)} in {category}: {formatter(state, exception)}";
        if (exception is not null) line += Environment.NewLine + exception;
        ConsoleLogWriter.Write(line);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
