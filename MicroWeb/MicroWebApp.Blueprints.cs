using MicroWeb.Errors;
using MicroWeb.Handlers;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    /// <summary>
    /// Registers a blueprint's routes, hooks and error handlers (Flask's <c>register_blueprint</c>).
    /// Register the same blueprint again with another <paramref name="name"/> and <paramref name="urlPrefix"/>.
    /// </summary>
    public MicroWebApp Register(Blueprint blueprint, string? urlPrefix = null, string? name = null)
    {
        ThrowIfStarted();
        name ??= blueprint.Name;
        if (_blueprintHooks.ContainsKey(name))
            throw new InvalidOperationException($"A blueprint is already registered as '{name}'; pass another name to register it again.");
        var prefix = (urlPrefix ?? blueprint.UrlPrefix ?? "").TrimEnd('/');

        foreach (var r in blueprint.Routes)
        {
            var handler = new Handler(r.Method, r.Delegate, r.Delegate is null ? t => HandlerFactory(t) : null);
            Add(prefix + r.Rule, r.Methods, $"{name}.{r.Endpoint}", handler, r.StrictSlashes, r.MaxContentLength, name,
                r.MergeSlashes, Routing.RuleParser.ParseDefaults(r.Defaults, r.Rule), _routes.HostMatching ? r.Host : r.Subdomain);
        }

        var errors = new ErrorHandlerRegistry();
        foreach (var e in blueprint.ErrorHandlers)
        {
            var handler = new ErrorHandler(new Handler(e.Method, e.Delegate, e.Delegate is null ? t => HandlerFactory(t) : null));
            if (e.StatusCode is { } code) errors.Add(code, handler);
            else errors.Add(e.ExceptionType!, handler);
        }
        _blueprintErrorHandlers[name] = errors;
        _blueprintHooks[name] = blueprint.Hooks;
        AddBlueprintCors(name, blueprint.Cors);
        AddBlueprintRateLimit(name, blueprint.RateLimit);

        // What the blueprint gives the whole app: hooks, error handlers and template globals (Flask's app_* decorators).
        Hooks.AddFrom(blueprint.AppHooks);
        foreach (var e in blueprint.AppErrorHandlers)
        {
            var handler = new ErrorHandler(new Handler(e.Method, e.Delegate, null));
            if (e.StatusCode is { } code) _errorHandlers.Add(code, handler);
            else _errorHandlers.Add(e.ExceptionType!, handler);
        }
        foreach (var (global, value) in blueprint.AppTemplateGlobals)
            if (value is Delegate function) Templates.AddFunction(global, function);
            else Templates.AddGlobal(global, value);

        if (blueprint.StaticFolder is { } folder)
        {
            var root = Path.IsPathRooted(folder) ? folder : Config.Resolve(folder);
            var endpoint = $"{name}.static";
            var serve = (string filename) => ServeFrom(root, filename, endpoint);
            Add(prefix + blueprint.StaticUrlPath.TrimEnd('/') + "/<path:filename>", ["GET"], endpoint,
                new Handler(serve.Method, serve, null), strictSlashes: true, blueprint: name);
        }
        return this;
    }
}
