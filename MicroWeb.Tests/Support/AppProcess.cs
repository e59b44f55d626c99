using System.Diagnostics;

namespace MicroWeb.Tests.Support;

/// <summary>
/// A MicroWeb app running in its own process (<c>dotnet app.dll</c>, or a published executable), as a user or a
/// service manager starts it.
/// Ready once it prints its banner's "Running on" line; killed (with its children) on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process) => _process = process;

    /// <summary>Everything the process printed so far (standard output and error).</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static async Task<AppProcess> StartAsync(string program, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var dll = program.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(dll ? "dotnet" : program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll) start.ArgumentList.Add(program);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var app = new AppProcess(Process.Start(start)!);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Pump(app._process.StandardOutput, ready);
        app.Pump(app._process.StandardError, ready);
        var exited = app._process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(timeout)) != ready.Task)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"{program} did not start within {timeout}:\n{app.Output}");
        }
        return app;
    }

    private void Pump(StreamReader reader, TaskCompletionSource ready) => _ = Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output) _output.Add(line);
            if (line.Contains(" * Running on ", StringComparison.Ordinal)) ready.TrySetResult();
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
