namespace MicroWeb.Tests.StaticFiles;

/// <summary>A temporary content root with a static folder, a secret outside it, and symbolic links.</summary>
internal sealed class StaticSite : IDisposable
{
    public StaticSite()
    {
        Root = Path.Combine(Path.GetTempPath(), "microweb-static-" + Guid.NewGuid().ToString("N"));
        Static = Path.Combine(Root, "static");
        Directory.CreateDirectory(Path.Combine(Static, "docs"));
        File.WriteAllText(Path.Combine(Static, "index.html"), "<h1>site</h1>");
        File.WriteAllText(Path.Combine(Static, "style.css"), "body { color: red; }");
        File.WriteAllText(Path.Combine(Static, "docs", "index.html"), "<h1>docs</h1>");
        File.WriteAllText(Path.Combine(Static, "datos.bin"), "0123456789abcdefghij");
        File.WriteAllText(Path.Combine(Static, "ñandú ü.txt"), "unicode name");
        File.WriteAllText(Path.Combine(Static, ".env"), "SECRET=hidden");
        File.WriteAllText(Path.Combine(Root, "secret.txt"), "TOP SECRET");
        File.CreateSymbolicLink(Path.Combine(Static, "escape.txt"), Path.Combine(Root, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Static, "up"), Root);
        File.CreateSymbolicLink(Path.Combine(Static, "inside.css"), Path.Combine(Static, "style.css"));
    }

    public string Root { get; }
    public string Static { get; }

    public MicroWebApp CreateApp(string urlPath = "/static")
    {
        var app = new MicroWebApp("static-test") { Logger = new Support.CapturingLogger() };
        app.Config.ContentRoot = Root;
        app.Config.StaticUrlPath = urlPath;
        return app;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
