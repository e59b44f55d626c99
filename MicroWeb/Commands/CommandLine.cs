namespace MicroWeb.Commands;

/// <summary>
/// The app's command line, Flask's <c>flask</c> command: <c>dotnet run</c> serves, <c>dotnet run -- routes</c> lists
/// the routes, <c>dotnet run -- init-db</c> runs a command the app registered with <c>app.Command</c>, and
/// <c>--help</c> lists them all. Settings flags (<c>--port</c>, <c>--debug</c>...) come before the command; what
/// follows the command is its own. An unknown command or flag prints the error and the help and exits with 2.
/// </summary>
internal sealed class CommandLine(MicroWebApp app, TextWriter output, TextWriter error)
{
    public const int UsageError = 2;

    public int Run(string[] args)
    {
        IReadOnlyList<string> rest;
        try
        {
            rest = app.Configure(args);
        }
        catch (ArgumentException e)
        {
            return Usage($"Error: {e.Message}");
        }
        if (rest.Any(a => a is "--help" or "-h"))
        {
            WriteHelp(output);
            return 0;
        }
        if (rest.Count > 0 && rest[0].StartsWith('-')) return Usage($"Error: No such option: {rest[0]}");

        var name = rest.Count == 0 ? "run" : rest[0];
        var commandArgs = rest.Skip(1).ToArray();
        switch (name)
        {
            case "run" when commandArgs.Length == 0:
                try
                {
                    app.Run();
                }
                catch (InvalidOperationException e)
                {
                    error.WriteLine($"Error: {e.Message}"); // the address is in use or refused: say what to do, no stack trace
                    return 1;
                }
                return app.LastStopResetRequests > 0 ? 1 : 0; // the stop had to cut requests off (see StopAsync)
            case "run":
                return Usage($"Error: No such option: {commandArgs[0]}");
            case "routes":
                WriteRoutes();
                return 0;
        }
        if (!app.CommandsByName.TryGetValue(name, out var command)) return Usage($"Error: No such command '{name}'.");
        try
        {
            return command.Invoke(app, commandArgs, output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"Error: {name}: {e.Message}");
            return 1;
        }
    }

    private int Usage(string message)
    {
        error.WriteLine(message);
        error.WriteLine();
        WriteHelp(error);
        return UsageError;
    }

    private void WriteHelp(TextWriter to)
    {
        to.WriteLine($"Usage: {app.Name} [OPTIONS] [COMMAND] [ARGS]...");
        to.WriteLine();
        to.WriteLine("Options (also MICROWEB_* environment variables):");
        foreach (var flag in AppConfig.FlagNames) to.WriteLine($"  --{flag}");
        to.WriteLine("  --help, -h");
        to.WriteLine();
        to.WriteLine("Commands:");
        var commands = new List<(string Name, string Help)> { ("run", "Serve the app (the default)."), ("routes", "Show the routes, in the order they are matched.") };
        commands.AddRange(app.CommandsByName.Values.Select(c => (c.Name, c.Help ?? "")));
        var width = commands.Max(c => c.Name.Length) + 2;
        foreach (var (name, help) in commands) to.WriteLine($"  {name.PadRight(width)}{help}".TrimEnd());
    }

    // As `flask routes`: every rule the app will serve, the static folder's included, in columns as wide as their text.
    private void WriteRoutes()
    {
        app.MarkStarted(); // adds the rules that depend on the settings (the static folder)
        string[] header = ["Endpoint", "Methods", "Rule"];
        var rows = app.Routes.InMatchOrder().Select(r => new[] { r.Endpoint, string.Join(", ", r.Methods.Order()), r.Rule }).ToList();
        var widths = Enumerable.Range(0, 2).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] cells) => $"{cells[0].PadRight(widths[0])}  {cells[1].PadRight(widths[1])}  {cells[2]}";
        output.WriteLine(Line(header));
        output.WriteLine(Line([new string('-', widths[0]), new string('-', widths[1]), new string('-', Math.Max(4, rows.Select(r => r[2].Length).DefaultIfEmpty().Max()))]));
        foreach (var row in rows) output.WriteLine(Line(row));
    }
}
