using MicroWeb.Configuration;
using MicroWeb.Files;
using MicroWeb.Http;
using MicroWeb.StaticFiles;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>Cache-Control sent with static files; null sends none (browsers then revalidate with the ETag).</summary>
    public string? StaticCacheControl { get; set; } = "public, max-age=3600";

    // An ordinary route with endpoint "static", added when the app starts so that Config can change until then.
    private void AddStaticRoute()
    {
        if (Config.StaticFolder is null) return;
        var prefix = Config.StaticUrlPath.TrimEnd('/');
        // One handler for both rules; the folder's own URL comes without a filename.
        var serve = (string filename = "") => ServeStatic(filename);
        var handler = new Handlers.Handler(serve.Method, serve);
        AddRoute(new(prefix + "/<path:filename>", ["GET"], "static", handler), "", null, null);
        // The folder's own URL ("/static/", or "/" for a whole static site) answers with its index.html,
        // unless an app route already owns that URL (the usual "/"), as in Flask.
        if (_routes.Match("GET", prefix + "/").Outcome != Routing.MatchOutcome.Found)
            AddRoute(new(prefix + "/", ["GET"], "static", handler), "", null, null);
    }

    private Response ServeStatic(string filename) => ServeFrom(StaticFolder.Path, filename, "static");

    // Read only while Config.StaticFolder is set: the static route exists only then.
    private ConfiguredFolder StaticFolder => _staticFolder ??= new ConfiguredFolder(Config, config => config.StaticFolder!);

    private ConfiguredFolder? _staticFolder;

    // Serves a file below a root (the app's static folder or a blueprint's): folders answer with their index.html.
    private Response ServeFrom(string root, string filename, string endpoint)
    {
        var path = filename.Length == 0 ? root : SafePath.Resolve(root, filename) ?? throw new HttpException(404);
        var file = new FileInfo(path);
        // "style.css/" names a folder that is not there: the file would be announced and then fail to open.
        if (file.Exists && filename.EndsWith('/')) throw new HttpException(404);
        if (!file.Exists) // a folder, or nothing
        {
            if (!Directory.Exists(path)) throw new HttpException(404);
            if (filename.Length > 0 && !filename.EndsWith('/'))
                return Responses.Redirect(UrlFor(endpoint, new Dictionary<string, object?> { ["filename"] = filename + "/" }), 308);
            file = new FileInfo(Path.Combine(path, "index.html"));
            if (!file.Exists) throw new HttpException(404);
        }
        return new FileResponse(file, ContentTypes.For(file.Name), StaticCacheControl);
    }
}
