using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using MicroWeb.Errors;
using MicroWeb.Handlers;
using MicroWeb.Hooks;
using MicroWeb.Registration;
using MicroWeb.Routing;

namespace MicroWeb;

/// <summary>
/// What an app and a blueprint register in the same way, as Flask's <c>Scaffold</c> is shared by <c>Flask</c> and
/// <c>Blueprint</c>: routes (delegates and <c>[Route]</c> classes), error handlers, request hooks and view filters.
/// An app adds a route to its table at once; a blueprint keeps it until it is registered on an app.
/// </summary>
/// <typeparam name="TSelf">The app or blueprint type, so that registration calls chain.</typeparam>
public abstract class Scaffold<TSelf> where TSelf : Scaffold<TSelf>
{
    private protected Scaffold() { }

    private TSelf Self => (TSelf)this;

    /// <summary>The request hooks: the app's run for every request; a blueprint's only for requests routed to it,
    /// after the app's before-hooks and before the app's after-hooks.</summary>
    public RequestHooks Hooks { get; } = new();

    /// <summary>The error handlers registered here (a blueprint's apply to requests routed to it, before the app's).</summary>
    internal ErrorHandlerRegistry ErrorHandlers { get; } = new();

    /// <summary>The view filters of every route registered here, in order (see <see cref="Filter"/>).</summary>
    internal List<ViewFilterAttribute> Filters { get; } = [];

    /// <summary>Takes one rule: the app adds it to its table, a blueprint keeps it for registration.</summary>
    private protected abstract void AddRegistration(RouteRegistration registration);

    /// <summary>Refuses registrations once they can no longer take effect (an app that serves requests).</summary>
    private protected virtual void ThrowIfClosed() { }

    // ---- routes ----

    /// <summary>Registers a delegate for a rule (Flask's <c>add_url_rule</c>).</summary>
    /// <param name="rule">The rule, e.g. <c>/blog/&lt;int:id&gt;</c>.</param>
    /// <param name="handler">Any delegate; its parameters bind by name.</param>
    /// <param name="methods">Accepted methods; GET when null or empty.</param>
    /// <param name="endpoint">Name for UrlFor; the method's name when it has a readable one, else the rule and its methods.</param>
    /// <param name="subdomain">Flask's <c>subdomain=</c> (or the host rule with host matching); see <see cref="RouteAttribute.Subdomain"/>.</param>
    public TSelf Route(string rule, Delegate handler, string[]? methods = null, string? endpoint = null, string? subdomain = null) =>
        AddDelegate(rule, handler, methods, endpoint, null, subdomain);

    /// <summary>Registers a delegate for a rule with Werkzeug's rule defaults (Flask's <c>add_url_rule(defaults=...)</c>).</summary>
    /// <param name="rule">The rule, e.g. <c>/blog/&lt;int:id&gt;</c>.</param>
    /// <param name="handler">Any delegate; its parameters bind by name.</param>
    /// <param name="defaults">The defaults: <c>new { page = 1 }</c> or a dictionary; see <see cref="RouteAttribute.Defaults"/>.</param>
    /// <param name="methods">Accepted methods; GET when null or empty.</param>
    /// <param name="endpoint">Name for UrlFor; the method's name when it has a readable one, else the rule and its methods.</param>
    /// <param name="subdomain">Flask's <c>subdomain=</c> (or the host rule with host matching); see <see cref="RouteAttribute.Subdomain"/>.</param>
    public TSelf Route<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TDefaults>(string rule, Delegate handler,
        TDefaults defaults, string[]? methods = null, string? endpoint = null, string? subdomain = null) =>
        AddDelegate(rule, handler, methods, endpoint, defaults is null ? null : PropertyValues.From(defaults), subdomain);

    /// <summary>Registers a GET handler.</summary>
    public TSelf Get(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["GET"], endpoint);

    /// <summary>Registers a POST handler.</summary>
    public TSelf Post(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["POST"], endpoint);

    /// <summary>Registers a PUT handler.</summary>
    public TSelf Put(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PUT"], endpoint);

    /// <summary>Registers a DELETE handler.</summary>
    public TSelf Delete(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["DELETE"], endpoint);

    /// <summary>Registers a PATCH handler.</summary>
    public TSelf Patch(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PATCH"], endpoint);

    private TSelf AddDelegate(string rule, Delegate handler, string[]? methods, string? endpoint, IReadOnlyDictionary<string, object?>? defaults,
        string? subdomain)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfClosed();
        methods ??= [];
        // A lambda's compiler-generated name is unreadable: the rule and its methods name it instead.
        endpoint ??= handler.Method.Name.Contains('<') ? $"{rule} {string.Join(",", methods.DefaultIfEmpty("GET"))}" : handler.Method.Name;
        AddRegistration(new RouteRegistration(rule, methods, endpoint, new Handler(handler.Method, handler), Defaults: defaults,
            Subdomain: subdomain, Host: subdomain));
        return Self;
    }

    /// <summary>
    /// Registers a WebSocket handler for a rule (flask-sock's <c>@sock.route</c>): the handler takes a
    /// <see cref="WebSocketConnection"/> (and route values, services, as any handler) and runs for as long as the
    /// connection lasts. Request hooks and view filters run before the upgrade, so they can refuse it.
    /// <code>app.WebSocket("/eco", async (WebSocketConnection ws) => { while (await ws.ReceiveTextAsync() is { } t) await ws.SendAsync(t); });</code>
    /// </summary>
    /// <param name="rule">The rule, e.g. <c>/ws/&lt;room&gt;</c>.</param>
    /// <param name="handler">The handler; usually async.</param>
    /// <param name="endpoint">Name for UrlFor; the method's name when it has a readable one, else the rule and <c>WS</c>.</param>
    /// <param name="subprotocols">The subprotocols it speaks, in order of preference; see <see cref="WebSocketAttribute.Subprotocols"/>.</param>
    public TSelf WebSocket(string rule, Delegate handler, string? endpoint = null, string[]? subprotocols = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfClosed();
        endpoint ??= handler.Method.Name.Contains('<') ? $"{rule} WS" : handler.Method.Name;
        AddRegistration(new RouteRegistration(rule, ["GET"], endpoint, new Handler(handler.Method, handler), WebSocketSubprotocols: subprotocols ?? []));
        return Self;
    }

    /// <summary>Registers every <c>[Route]</c> and <c>[ErrorHandler]</c> method of a class (static or instance).</summary>
    public TSelf AddRoutes<[DynamicallyAccessedMembers(HandlerType.Members)] T>() => AddRoutes(typeof(T));

    /// <summary>Registers every <c>[Route]</c> and <c>[ErrorHandler]</c> method of a class (static or instance). Safe for
    /// trimming and Native AOT: the class's methods and constructors are kept. A <see cref="RoutePrefixAttribute"/> on the
    /// class prefixes its rules (and, with a name, its endpoints).</summary>
    public TSelf AddRoutes([DynamicallyAccessedMembers(HandlerType.Members)] Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        ThrowIfClosed();
        var prefix = type.GetCustomAttribute<RoutePrefixAttribute>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in HandlerType.InDeclarationOrder(type.GetMethods(all)))
        {
            var attributes = method.GetCustomAttributes<ErrorHandlerAttribute>().ToArray();
            var routes = method.GetCustomAttributes<RouteAttribute>().ToArray();
            var webSockets = method.GetCustomAttributes<WebSocketAttribute>().ToArray();
            if (attributes.Length == 0 && routes.Length == 0 && webSockets.Length == 0) continue;
            var handler = new Handler(method, null);
            foreach (var error in attributes) AddErrorHandler(error.StatusCode, error.ExceptionType, handler);
            foreach (var route in routes)
            {
                var (rule, endpoint) = Prefixed(prefix, route.Rule, route.Endpoint ?? method.Name);
                AddRegistration(new RouteRegistration(rule, route.Methods, endpoint, handler, route.StrictSlashes,
                    route.MaxContentLength >= 0 ? route.MaxContentLength : null, route.MergeSlashesOverride,
                    RuleParser.ParseDefaults(route.Defaults, rule), route.Subdomain, route.Host));
            }
            foreach (var socket in webSockets)
            {
                var (rule, endpoint) = Prefixed(prefix, socket.Rule, socket.Endpoint ?? method.Name);
                AddRegistration(new RouteRegistration(rule, ["GET"], endpoint, handler, WebSocketSubprotocols: socket.Subprotocols));
            }
        }
        return Self;
    }

    // A [RoutePrefix] class: its prefix before each rule, its name (if any) before each endpoint.
    private static (string Rule, string Endpoint) Prefixed(RoutePrefixAttribute? prefix, string rule, string endpoint) =>
        (prefix is null ? rule : prefix.Prefix.TrimEnd('/') + rule,
         prefix?.Name is { Length: > 0 } name ? $"{name}.{endpoint}" : endpoint);

    /// <summary>Registers every <c>[Route]</c> and <c>[ErrorHandler]</c> method of every type in an assembly.</summary>
    [RequiresUnreferencedCode("Trimming removes the [Route] classes that nothing references, so their routes would answer 404: register each class with AddRoutes(typeof(T)) instead.")]
    public TSelf AddRoutesFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            if (type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.IsDefined(typeof(RouteAttribute)) || m.IsDefined(typeof(ErrorHandlerAttribute)) || m.IsDefined(typeof(WebSocketAttribute))))
                AddRoutes(type);
        return Self;
    }

    // ---- error handlers ----

    /// <summary>Handles an HTTP status (Flask's <c>errorhandler(404)</c>).</summary>
    public TSelf ErrorHandler(int statusCode, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        AddErrorHandler(statusCode, null, new Handler(handler.Method, handler));
        return Self;
    }

    /// <summary>Handles an exception type and its subclasses (the most derived registered type wins).</summary>
    public TSelf ErrorHandler<TException>(Delegate handler) where TException : Exception => ErrorHandler(typeof(TException), handler);

    /// <summary>Handles an exception type and its subclasses (the most derived registered type wins).</summary>
    public TSelf ErrorHandler(Type exceptionType, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        ArgumentNullException.ThrowIfNull(handler);
        if (!typeof(Exception).IsAssignableFrom(exceptionType)) throw new ArgumentException($"{exceptionType} is not an exception type.", nameof(exceptionType));
        AddErrorHandler(null, exceptionType, new Handler(handler.Method, handler));
        return Self;
    }

    private void AddErrorHandler(int? statusCode, Type? exceptionType, Handler handler)
    {
        ThrowIfClosed();
        ErrorHandlers.Add(statusCode, exceptionType, new ErrorHandler(handler));
    }

    // ---- hooks and filters ----

    /// <summary>Runs before the handler; a response returned answers instead of it (Flask's <c>before_request</c>).</summary>
    [OverloadResolutionPriority(1)]
    public TSelf BeforeRequest(Func<RequestContext, Response?> hook) { ThrowIfClosed(); Hooks.BeforeRequest(hook); return Self; }

    /// <summary>Async form of <see cref="BeforeRequest(Func{RequestContext, Response?})"/>.</summary>
    public TSelf BeforeRequest(Func<RequestContext, Task<Response?>> hook) { ThrowIfClosed(); Hooks.BeforeRequest(hook); return Self; }

    /// <summary>Runs on every response and returns the one to send (Flask's <c>after_request</c>).</summary>
    [OverloadResolutionPriority(1)]
    public TSelf AfterRequest(Func<RequestContext, Response, Response> hook) { ThrowIfClosed(); Hooks.AfterRequest(hook); return Self; }

    /// <summary>Async form of <see cref="AfterRequest(Func{RequestContext, Response, Response})"/>.</summary>
    public TSelf AfterRequest(Func<RequestContext, Response, Task<Response>> hook) { ThrowIfClosed(); Hooks.AfterRequest(hook); return Self; }

    /// <summary>Runs last, with the unhandled exception if any (Flask's <c>teardown_request</c>).</summary>
    public TSelf Teardown(Action<RequestContext, Exception?> hook) { ThrowIfClosed(); Hooks.Teardown(hook); return Self; }

    /// <summary>Runs a view filter (such as <see cref="LoginRequiredAttribute"/>) before the handler of every route
    /// registered here (an app's: every route of the app), after the request hooks and before the filters on the
    /// handler itself: <c>admin.Filter(new LoginRequiredAttribute())</c>. Requests that match no route skip it.</summary>
    public TSelf Filter(ViewFilterAttribute filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfClosed();
        Filters.Add(filter);
        return Self;
    }
}
