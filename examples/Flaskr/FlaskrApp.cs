using MicroWeb;

namespace Flaskr;

/// <summary>Creates and configures the app (Flask's <c>create_app</c>).</summary>
public static class FlaskrApp
{
    /// <summary>The app; <paramref name="testConfig"/> replaces the instance's config.json (tests pass their database).</summary>
    public static MicroWebApp Create(object? testConfig = null)
    {
        var app = new MicroWebApp("flaskr") { LoginView = "auth.Login" };
        app.Config.ContentRoot = AppContext.BaseDirectory;
        // A default secret that the instance's config.json should override; the database lives in the instance folder.
        app.Config.Update(new { SECRET_KEY = "dev", DATABASE = Path.Combine(app.Config.InstancePath, "flaskr.sqlite") });
        if (testConfig is null) app.Config.FromJsonFile("config.json", optional: true).FromEnvironment("FLASKR_");
        else app.Config.Update(testConfig);
        Directory.CreateDirectory(app.Config.InstancePath);

        app.Get("/hello", () => "Hello, World!");
        Db.InitApp(app);
        app.Register(Auth.Blueprint());
        app.Register(Blog.Blueprint());
        // UrlFor("index") is the blog's index, as the tutorial's add_url_rule("/", endpoint="index").
        app.Alias("index", "blog.Index");
        return app;
    }
}
