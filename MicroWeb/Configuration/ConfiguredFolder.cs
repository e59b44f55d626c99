namespace MicroWeb.Configuration;

/// <summary>
/// A folder setting (templates, static files) as a full path, resolved against <see cref="AppConfig.ContentRoot"/>
/// and worked out again only when either setting changes: it is read on every request.
/// </summary>
internal sealed class ConfiguredFolder(AppConfig config, Func<AppConfig, string> folder)
{
    // One reference, so a reader on another thread never sees a torn value.
    private Resolved? _resolved;

    private sealed record Resolved(string ContentRoot, string Folder, string Path);

    /// <summary>The folder's full path under the current settings.</summary>
    public string Path
    {
        get
        {
            var resolved = _resolved;
            var setting = folder(config);
            if (resolved is null || resolved.ContentRoot != config.ContentRoot || resolved.Folder != setting)
                _resolved = resolved = new Resolved(config.ContentRoot, setting, config.Resolve(setting));
            return resolved.Path;
        }
    }
}
