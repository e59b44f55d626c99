using MicroWeb.Sample;

var (app, commands) = SampleApp.Create(args);

if (commands.Contains("routes"))
{
    // Like `flask routes`: the table in the order the matcher tries it.
    Console.WriteLine($"{"Endpoint",-28} {"Methods",-22} Rule");
    Console.WriteLine($"{new string('-', 28)} {new string('-', 22)} {new string('-', 30)}");
    foreach (var route in app.Routes.InMatchOrder())
        Console.WriteLine($"{route.Endpoint,-28} {string.Join(", ", route.Methods.Order()),-22} {route.Rule}");
    return;
}

try
{
    app.Run();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"Error: {e.Message}");
    Environment.Exit(1);
}
