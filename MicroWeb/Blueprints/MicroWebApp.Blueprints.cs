using MicroWeb.Registration;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private readonly HashSet<string> _blueprintNames = new(Routing.Names.Comparer);

    /// <summary>
    /// Registers a blueprint's routes, hooks and error handlers (Flask's <c>register_blueprint</c>).
    /// Register the same blueprint again with another <paramref name="name"/> and <paramref name="urlPrefix"/>.
    /// </summary>
    public MicroWebApp Register(Blueprint blueprint, string? urlPrefix = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ThrowIfStarted();
        name ??= blueprint.Name;
        if (!_blueprintNames.Add(name))
            throw new InvalidOperationException($"A blueprint is already registered as '{name}'; pass another name to register it again.");
        var prefix = (urlPrefix ?? blueprint.UrlPrefix ?? "").TrimEnd('/');

        foreach (var registration in blueprint.Registrations) AddRoute(registration, prefix, name, blueprint);
        if (blueprint.Cors is { } cors)
        {
            cors.Validate();
            Cors.Blueprints[name] = cors;
        }
        if (blueprint.RateLimit is { } limit) RateLimits.Blueprints[name] = limit;

        // What the blueprint gives the whole app: hooks, error handlers and template globals (Flask's app_* decorators).
        Hooks.AddFrom(blueprint.AppHooks);
        ErrorHandlers.AddFrom(blueprint.AppErrorHandlers);
        foreach (var (global, value) in blueprint.AppTemplateGlobals)
            if (value is Delegate function) Templates.AddFunction(global, function);
            else Templates.AddGlobal(global, value);

        if (blueprint.StaticFolder is { } folder)
        {
            var root = Path.IsPathRooted(folder) ? folder : Config.Resolve(folder);
            var endpoint = $"{name}.static";
            var serve = (string filename) => ServeFrom(root, filename, endpoint);
            AddRoute(new RouteRegistration(blueprint.StaticUrlPath.TrimEnd('/') + "/<path:filename>", ["GET"], "static",
                new Handlers.Handler(serve.Method, serve)), prefix, name, blueprint);
        }
        return this;
    }
}
