using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MicroWeb.Tests.Support;

/// <summary>
/// An app as its own process, as it runs in production: the sample (<c>dotnet MicroWeb.Sample.dll</c>) by default,
/// or any app's dll or published executable. Its output is collected line by line, and it is stopped with real
/// signals. Only this process is ever signalled or killed.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private AppProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Everything printed so far, for assertion messages.</summary>
    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="program"/> (the sample's dll by default; a dll runs with <c>dotnet</c>, anything else is
    /// executed) in <paramref name="workingDirectory"/> (the program's folder by default) on <paramref name="port"/>,
    /// given as <c>--port</c> and <c>MICROWEB_PORT</c>; returns once it prints that it is running.
    /// </summary>
    public static async Task<AppProcess> StartAsync(int port, IEnumerable<string>? args = null, IDictionary<string, string>? environment = null,
        string? program = null, string? workingDirectory = null)
    {
        program ??= Path.Combine(AppContext.BaseDirectory, "MicroWeb.Sample.dll");
        var dll = program.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(program)!,
        };
        if (dll) info.ArgumentList.Add(program);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString());
        info.Environment["MICROWEB_PORT"] = port.ToString();
        foreach (var arg in args ?? []) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var sample = new AppProcess(Process.Start(info)!);
        await sample.WaitForLineAsync(l => l.Contains("Running on"), TimeSpan.FromSeconds(60));
        return sample;
    }

    /// <summary>Waits (polling with a deadline) until a line of output satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited && _lines.FirstOrDefault(match) is null)
                throw new InvalidOperationException($"The process exited ({_process.ExitCode}):\n{string.Join("\n", _lines)}");
            await Task.Delay(20);
        }
        throw new TimeoutException($"No such line within {timeout.TotalSeconds} s:\n{string.Join("\n", _lines)}");
    }

    /// <summary>Sends SIGTERM (15) or another signal to this process.</summary>
    public void Signal(int signal = 15)
    {
        if (Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
    }

    public Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return _process.WaitForExitAsync(cts.Token);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
