namespace MicroWeb.Sample;

/// <summary>Builds the sample app: every example of the lecture, at the lecture's paths.</summary>
public static class SampleApp
{
    /// <summary>Creates the app with its routes; its settings are left to the command line (<c>app.Run(args)</c>).</summary>
    public static MicroWebApp Build()
    {
        var app = new MicroWebApp("MicroWeb.Sample");
        // Any site may read the streams from a browser (Routes/Flujos.cs has [Cors("publica")]); no credentials.
        app.AddCorsPolicy("publica", Cors.CorsPolicy.AllowOrigins("*"));
        // Each client may open 10 streams at once, then one more every 6 seconds (Routes/Flujos.cs has [RateLimit("flujos")]).
        app.AddRateLimitPolicy("flujos", RateLimiting.RateLimitPolicy.TokenBucket(burst: 10, tokensPerPeriod: 1, period: TimeSpan.FromSeconds(6)));
        app.AddRoutesFrom(typeof(SampleApp).Assembly);
        // Brotli or gzip for pages, JSON and static text of 1 KB or more, when the client accepts it.
        app.UseCompression();
        app.UseOpenApi("MicroWeb sample: the lecture's API", "1.0.0");
        return app;
    }

    /// <summary>Creates the app with its routes and applies <paramref name="args"/> (flags) and the MICROWEB_* variables,
    /// as <c>dotnet run --project MicroWeb.Sample -- ...</c> does; for tests that start the sample in process.</summary>
    public static (MicroWebApp App, IReadOnlyList<string> Commands) Create(string[] args)
    {
        var app = Build();
        var commands = app.Configure(args);
        return (app, commands);
    }
}
