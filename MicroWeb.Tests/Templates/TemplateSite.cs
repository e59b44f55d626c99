namespace MicroWeb.Tests.Templates;

/// <summary>
/// A throwaway content root with a templates/ folder, and apps that use it. Each test gets its own folder, so tests
/// can edit templates without affecting one another.
/// </summary>
internal sealed class TemplateSite : IDisposable
{
    public TemplateSite(params (string Name, string Text)[] templates)
    {
        Root = Path.Combine(Path.GetTempPath(), "microweb-templates-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "templates");
        Directory.CreateDirectory(Folder);
        foreach (var (name, text) in templates) Write(name, text);
    }

    public string Root { get; }
    public string Folder { get; }

    public void Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>An app whose content root is this site.</summary>
    public MicroWebApp CreateApp(bool debug = false)
    {
        var app = new MicroWebApp("templates-test");
        app.Config.ContentRoot = Root;
        app.Config.Debug = debug;
        app.Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        return app;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
