namespace MicroWeb.Sample;

/// <summary>Builds the sample app: every example of the lecture, at the lecture's paths.</summary>
public static class SampleApp
{
    /// <summary>Creates the app with its routes. <paramref name="args"/> are the command line (settings are read from it and from MICROWEB_* variables).</summary>
    public static (MicroWebApp App, IReadOnlyList<string> Commands) Create(string[] args)
    {
        var app = new MicroWebApp("MicroWeb.Sample");
        var commands = app.Configure(args);
        app.AddRoutesFrom(typeof(SampleApp).Assembly);
        app.UseOpenApi("MicroWeb sample: the lecture's API", "1.0.0");
        return (app, commands);
    }
}
