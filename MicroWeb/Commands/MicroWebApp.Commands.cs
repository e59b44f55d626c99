using MicroWeb.Commands;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    internal Dictionary<string, Command> CommandsByName { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a command of the app's command line (Flask's <c>@app.cli.command("init-db")</c>), run with
    /// <c>dotnet run -- init-db</c> when the program ends with <c>return app.Run(args);</c>. The handler's parameters
    /// are filled by type: <c>string[]</c> (the arguments after the command), <see cref="MicroWebApp"/>, and
    /// <see cref="TextWriter"/> (the output). It returns nothing, an exit code, or a Task of either.
    /// </summary>
    /// <param name="name">The command's name: <c>init-db</c>.</param>
    /// <param name="handler">What it does.</param>
    /// <param name="help">One line for <c>--help</c>.</param>
    public MicroWebApp Command(string name, Delegate handler, string? help = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (name is "run" or "routes" || name.StartsWith('-') || !CommandsByName.TryAdd(name, new Command(name, handler, help)))
            throw new InvalidOperationException($"There is already a command '{name}' (or the name is not allowed).");
        return this;
    }

    /// <summary>
    /// Runs the command line (Flask's <c>flask</c> command): settings flags and <c>MICROWEB_*</c> variables are applied,
    /// then with no command the app serves (as <see cref="Run(string?, int?)"/>); <c>routes</c> lists the routes, a name
    /// registered with <see cref="Command"/> runs it, <c>--help</c> lists them. Returns the exit code: 0 on success,
    /// 2 for an unknown command or flag (printed with the help), 1 when a command throws.
    /// </summary>
    public int Run(string[] args) => RunCommand(args, Console.Out, Console.Error);

    /// <summary>Runs the command line as <see cref="Run(string[])"/> does, writing to the given writers (Flask's
    /// <c>app.test_cli_runner().invoke</c>, for tests of commands).</summary>
    public int RunCommand(string[] args, TextWriter output, TextWriter? error = null) =>
        new CommandLine(this, output, error ?? output).Run(args);
}
