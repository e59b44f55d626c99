namespace MicroWeb.Commands;

/// <summary>
/// The app's command line, Flask's <c>flask</c> command: <c>dotnet run</c> serves, <c>dotnet run -- routes</c> lists
/// the routes, <c>dotnet run -- init-db</c> runs a command the app registered with <c>app.Command</c>, and
/// <c>--help</c> lists them all. Settings flags (<c>--port</c>, <c>--debug</c>...) come before the command; what
/// follows the command is its own. An unknown command or flag, or a setting's bad value, prints one line naming it
/// (and the values allowed) and exits with 2, before anything starts.
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
        if (rest.Count > 0 && rest[0].StartsWith('-')) return Usage($"Error: No such option: {rest[0]}{Suggestion(rest[0])}");

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

    // One line, as click's "Error: No such option": what is wrong and where to look, never a stack trace.
    private int Usage(string message)
    {
        error.WriteLine($"{message} (see --help)");
        return UsageError;
    }

    // --prot: "did you mean --port?" when one flag is a typo or two away.
    private static string Suggestion(string arg)
    {
        var name = arg.TrimStart('-').Split('=')[0];
        var closest = AppConfig.Table.MinBy(s => Distance(s.Name, name));
        return closest is not null && Distance(closest.Name, name) <= 2 ? $"; did you mean {closest.Flag}?" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private void WriteHelp(TextWriter to)
    {
        to.WriteLine($"Usage: {app.Name} [OPTIONS] [COMMAND] [ARGS]...");
        to.WriteLine();
        to.WriteLine("Options (each also an environment variable; flags win over variables, which win over the code):");
        var rows = AppConfig.Table.Select(s => (Flag: s.IsSwitch ? $"{s.Flag} [true|false]" : $"{s.Flag} VALUE", s.Variable, s.Default)).ToList();
        var flagWidth = rows.Max(r => r.Flag.Length) + 2;
        var variableWidth = rows.Max(r => r.Variable.Length) + 2;
        foreach (var (flag, variable, value) in rows)
            to.WriteLine($"  {flag.PadRight(flagWidth)}{variable.PadRight(variableWidth)}default: {value}");
        to.WriteLine("  --help, -h");
        to.WriteLine();
        to.WriteLine("Commands:");
        var commands = new List<(string Name, string Help)> { ("run", "Serve the app (the default)."), ("routes", "Show the routes, in the order they are matched.") };
        commands.AddRange(app.CommandsByName.Values.Select(c => (c.Name, c.Help ?? "")));
        var width = commands.Max(c => c.Name.Length) + 2;
        foreach (var (name, help) in commands) to.WriteLine($"  {name.PadRight(width)}{help}".TrimEnd());
    }

    // As `flask routes`: every rule the app will serve, the static folder's included, in columns as wide as their text;
    // a Domain column (subdomain or host) when a rule has one.
    private void WriteRoutes()
    {
        app.MarkStarted(); // adds the rules that depend on the settings (the static folder)
        var routes = app.Routes.InMatchOrder().ToList();
        var domains = routes.Any(r => r.Domain is not null);
        List<string[]> rows = [domains ? ["Domain", "Endpoint", "Methods", "Rule"] : ["Endpoint", "Methods", "Rule"]];
        rows.AddRange(routes.Select(r => domains
            ? new[] { r.Domain ?? "", r.Endpoint, string.Join(", ", r.Methods.Order()), r.Rule }
            : [r.Endpoint, string.Join(", ", r.Methods.Order()), r.Rule]));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        rows.Insert(1, widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
    }
}
