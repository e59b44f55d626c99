using MicroWeb.Errors;
using MicroWeb.Handlers;
using MicroWeb.Hooks;
using MicroWeb.Registration;

namespace MicroWeb;

/// <summary>
/// A reusable group of routes, hooks and error handlers, as Flask's Blueprint; it registers them exactly as an app
/// does (<see cref="Scaffold{TSelf}"/>). Nothing is live until <c>app.Register(blueprint)</c>; the same blueprint can
/// be registered twice under different prefixes and names. Endpoints become <c>"name.Endpoint"</c>; inside the
/// blueprint, <c>UrlFor(".Endpoint")</c> means its own.
/// </summary>
public sealed class Blueprint : Scaffold<Blueprint>
{
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

    internal List<RouteRegistration> Registrations { get; } = [];
    internal ErrorHandlerRegistry AppErrorHandlers { get; } = new();
    internal List<(string Name, object? Value)> AppTemplateGlobals { get; } = [];

    private protected override void AddRegistration(RouteRegistration registration) => Registrations.Add(registration);

    /// <summary>Handles a status for every request of the app (Flask's <c>app_errorhandler</c>).</summary>
    public Blueprint AppErrorHandler(int statusCode, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AppErrorHandlers.Add(statusCode, new ErrorHandler(new Handler(handler.Method, handler)));
        return this;
    }

    /// <summary>Handles an exception type for every request of the app (Flask's <c>app_errorhandler</c>).</summary>
    public Blueprint AppErrorHandler<TException>(Delegate handler) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(handler);
        AppErrorHandlers.Add(typeof(TException), new ErrorHandler(new Handler(handler.Method, handler)));
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
}
