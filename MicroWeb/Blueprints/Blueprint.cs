using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using MicroWeb.Handlers;
using MicroWeb.Hooks;

namespace MicroWeb;

/// <summary>
/// A reusable group of routes, hooks and error handlers, as Flask's Blueprint. Nothing is live until
/// <c>app.Register(blueprint)</c>; the same blueprint can be registered twice under different prefixes and names.
/// Endpoints become <c>"name.Endpoint"</c>; inside the blueprint, <c>UrlFor(".Endpoint")</c> means its own.
/// </summary>
public sealed class Blueprint
{
    internal sealed record RouteEntry(string Rule, string[] Methods, string Endpoint, MethodInfo Method, Delegate? Delegate, bool StrictSlashes,
        long? MaxContentLength, bool? MergeSlashes = null, string? Defaults = null, string? Subdomain = null, string? Host = null);
    internal sealed record ErrorEntry(int? StatusCode, Type? ExceptionType, MethodInfo Method, Delegate? Delegate);

    /// <summary>Creates a blueprint.</summary>
    /// <param name="name">Endpoint name prefix (<c>admin</c> → <c>admin.Index</c>).</param>
    /// <param name="urlPrefix">Prefix for every rule, e.g. <c>/admin</c>; can be overridden when registering.</param>
    public Blueprint(string name, string? urlPrefix = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.')) throw new ArgumentException("A blueprint name cannot contain a dot.", nameof(name));
        Name = name;
        UrlPrefix = urlPrefix;
    }

    /// <summary>The name, used as endpoint prefix.</summary>
    public string Name { get; }

    /// <summary>The default URL prefix.</summary>
    public string? UrlPrefix { get; }

    /// <summary>A folder of static files of its own (absolute, or relative to the app's content root), served at
    /// <c>{prefix}{StaticUrlPath}/&lt;path:filename&gt;</c> with endpoint <c>name.static</c>; none when null.</summary>
    public string? StaticFolder { get; set; }

    /// <summary>Where the blueprint's static files appear under its prefix; <c>/static</c> by default.</summary>
    public string StaticUrlPath { get; set; } = "/static";

    /// <summary>The blueprint's hooks: they run only for requests routed to it, after the app's before-hooks and
    /// before the app's after-hooks.</summary>
    public RequestHooks Hooks { get; } = new();

    /// <summary>Hooks for every request of the app, not only the blueprint's (Flask's <c>before_app_request</c>,
    /// <c>after_app_request</c>, <c>teardown_app_request</c>): an auth blueprint loads <c>g.user</c> here. They run
    /// after the hooks registered on the app before the blueprint.</summary>
    public RequestHooks AppHooks { get; } = new();

    /// <summary>The CORS policy of the blueprint's routes, instead of the app's (<see cref="MicroWebApp.UseCors"/>);
    /// read when the blueprint is registered.</summary>
    public Cors.CorsPolicy? Cors { get; set; }

    /// <summary>The rate limit of the blueprint's routes, instead of the app's (<see cref="MicroWebApp.UseRateLimiting"/>);
    /// read when the blueprint is registered.</summary>
    public RateLimiting.RateLimitPolicy? RateLimit { get; set; }

    internal List<RouteEntry> Routes { get; } = [];
    internal List<ErrorEntry> ErrorHandlers { get; } = [];
    internal List<ErrorEntry> AppErrorHandlers { get; } = [];
    internal List<(string Name, object? Value)> AppTemplateGlobals { get; } = [];

    /// <summary>Adds a route.</summary>
    public Blueprint Route(string rule, Delegate handler, string[]? methods = null, string? endpoint = null)
    {
        Routes.Add(new(rule, methods ?? [], endpoint ?? (handler.Method.Name.Contains('<') ? rule : handler.Method.Name), handler.Method, handler, true, null));
        return this;
    }

    /// <summary>Adds a GET route.</summary>
    public Blueprint Get(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["GET"], endpoint);

    /// <summary>Adds a POST route.</summary>
    public Blueprint Post(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["POST"], endpoint);

    /// <summary>Adds a PUT route.</summary>
    public Blueprint Put(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PUT"], endpoint);

    /// <summary>Adds a DELETE route.</summary>
    public Blueprint Delete(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["DELETE"], endpoint);

    /// <summary>Adds every <c>[Route]</c> and <c>[ErrorHandler]</c> method of a class.</summary>
    public Blueprint AddRoutes([DynamicallyAccessedMembers(HandlerType.Members)] Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in HandlerType.InDeclarationOrder(type.GetMethods(all)))
        {
            foreach (var r in method.GetCustomAttributes<RouteAttribute>())
                Routes.Add(new(r.Rule, r.Methods, r.Endpoint ?? method.Name, method, null, r.StrictSlashes, r.MaxContentLength >= 0 ? r.MaxContentLength : null,
                    r.MergeSlashesOverride, r.Defaults, r.Subdomain, r.Host));
            foreach (var e in method.GetCustomAttributes<ErrorHandlerAttribute>())
                ErrorHandlers.Add(new(e.StatusCode, e.ExceptionType, method, null));
        }
        return this;
    }

    /// <summary>Adds every <c>[Route]</c> and <c>[ErrorHandler]</c> method of a class.</summary>
    public Blueprint AddRoutes<[DynamicallyAccessedMembers(HandlerType.Members)] T>() => AddRoutes(typeof(T));

    /// <summary>Handles a status for requests routed to this blueprint.</summary>
    public Blueprint ErrorHandler(int statusCode, Delegate handler)
    {
        ErrorHandlers.Add(new(statusCode, null, handler.Method, handler));
        return this;
    }

    /// <summary>Handles an exception type for requests routed to this blueprint.</summary>
    public Blueprint ErrorHandler<TException>(Delegate handler) where TException : Exception
    {
        ErrorHandlers.Add(new(null, typeof(TException), handler.Method, handler));
        return this;
    }

    /// <summary>Handles a status for every request of the app (Flask's <c>app_errorhandler</c>).</summary>
    public Blueprint AppErrorHandler(int statusCode, Delegate handler)
    {
        AppErrorHandlers.Add(new(statusCode, null, handler.Method, handler));
        return this;
    }

    /// <summary>Handles an exception type for every request of the app (Flask's <c>app_errorhandler</c>).</summary>
    public Blueprint AppErrorHandler<TException>(Delegate handler) where TException : Exception
    {
        AppErrorHandlers.Add(new(null, typeof(TException), handler.Method, handler));
        return this;
    }

    /// <summary>Adds a value or a function (a delegate) that every template of the app sees (Flask's
    /// <c>app_template_global</c>); see <c>TemplateEngine.AddGlobal</c> and <c>AddFunction</c>.</summary>
    public Blueprint AppTemplateGlobal(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        AppTemplateGlobals.Add((name, value));
        return this;
    }

    /// <summary>Runs a view filter (such as <see cref="LoginRequiredAttribute"/>) before every route of this
    /// blueprint, after the request hooks: <c>admin.Filter(new LoginRequiredAttribute())</c>.</summary>
    public Blueprint Filter(ViewFilterAttribute filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Hooks.BeforeRequest(c => filter.BeforeAsync(c).AsTask());
        return this;
    }
}
