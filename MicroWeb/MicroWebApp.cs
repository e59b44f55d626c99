using System.Reflection;
using System.Text.Json;
using MicroWeb.Handlers;
using MicroWeb.Hosting;
using MicroWeb.Http;
using MicroWeb.Routing;
using MicroWeb.Routing.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroWeb;

/// <summary>
/// A MicroWeb application: routes, settings and the server. The C# counterpart of <c>Flask(__name__)</c>.
/// <code>
/// var app = new MicroWebApp();
/// app.Get("/hola/&lt;nombre&gt;", (string nombre) => $"Hello {nombre}!");
/// app.Run();
/// </code>
/// </summary>
public sealed partial class MicroWebApp
{
    private readonly RouteTable _routes = new();
    private readonly RuleParser _parser;
    private readonly UrlBuilder _urls;
    private readonly HashSet<string> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Handler> _endpointHandlers = new(StringComparer.OrdinalIgnoreCase);

    private readonly MicroWebOptions _options;

    /// <summary>Creates an app. <paramref name="name"/> is shown in the startup banner and logs.</summary>
    public MicroWebApp(string? name = null) : this(new MicroWebOptions { Name = name }) { }

    /// <summary>Creates an app for embedding, with its options (URLs, logger, handler factory, ...).</summary>
    public MicroWebApp(MicroWebOptions options)
    {
        _options = options;
        Name = options.Name ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "MicroWeb";
        _parser = new RuleParser(Converters);
        _urls = new UrlBuilder(_routes);
        // Only a true is taken from the options: a false there is the default, not the code's word (see AppConfig.Debug).
        if (options.Debug) Config.Debug = true;
        Config.SecretKey = options.SecretKey;
        if (options.ContentRoot is not null) Config.ContentRoot = options.ContentRoot;
        Services = options.Services;
        if (options.HandlerFactory is not null) HandlerFactory = options.HandlerFactory;
        else if (Services is not null)
            HandlerFactory = type => ActivatorUtilities.CreateInstance(RequestContext.Current?.RequestServices ?? Services, type);
        Logger = options.Logger ?? new ConsoleLogger(Name, () => Config.Debug ? LogLevel.Debug : LogLevel.Information);
        Clock = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock sessions are dated and checked with.</summary>
    internal TimeProvider Clock { get; }

    /// <summary>The app's name.</summary>
    public string Name { get; }

    /// <summary>Settings.</summary>
    public AppConfig Config { get; } = new();

    /// <summary>Shortcut for <c>Config.Debug</c>.</summary>
    public bool Debug
    {
        get => Config.Debug;
        set => Config.Debug = value;
    }

    /// <summary>Converters available to rules; add custom ones before registering routes that use them.</summary>
    public ConverterRegistry Converters { get; } = new();

    /// <summary>The route table (for listings such as the sample's <c>routes</c> command).</summary>
    public RouteTable Routes => _routes;

    /// <summary>Where the app logs: a console logger unless replaced (any <see cref="ILogger"/> works).</summary>
    public ILogger Logger { get; set; }

    /// <summary>JSON settings for responses and bodies. See <see cref="JsonDefaults"/>.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = JsonDefaults.Create();

    /// <summary>The app's services (<see cref="MicroWebOptions.Services"/>), or null. Requests get a scope of them.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>Creates instances of handler classes for instance-method handlers (one per request). Plug a
    /// DI container here: <c>app.HandlerFactory = t =&gt; ActivatorUtilities.CreateInstance(services, t)</c>.</summary>
    public Func<Type, object> HandlerFactory { get; set; } = type => Activator.CreateInstance(type)!;

    /// <summary>Loads settings from the environment and the command line (see <see cref="AppConfig.Load"/>);
    /// returns the arguments that were not settings (such as the sample's <c>routes</c> command).</summary>
    public IReadOnlyList<string> Configure(string[] args)
    {
        _configured = true;
        return Config.Load(args);
    }

    // Run applies the MICROWEB_* variables itself unless Configure did, so the five-line app takes MICROWEB_PORT too.
    private bool _configured;

    // ---- registration ----

    /// <summary>Registers a delegate for a rule (Flask's <c>add_url_rule</c>).</summary>
    /// <param name="rule">The rule, e.g. <c>/blog/&lt;int:id&gt;</c>.</param>
    /// <param name="handler">Any delegate; its parameters bind by name.</param>
    /// <param name="methods">Accepted methods; GET when null or empty.</param>
    /// <param name="endpoint">Name for UrlFor; the method's name when it has a readable one, else the rule.</param>
    /// <param name="defaults">Werkzeug's rule defaults (<c>new { page = 1 }</c>); see <see cref="RouteAttribute.Defaults"/>.</param>
    /// <param name="subdomain">Flask's <c>subdomain=</c> (or the host rule with host matching); see <see cref="RouteAttribute.Subdomain"/>.</param>
    public MicroWebApp Route(string rule, Delegate handler, string[]? methods = null, string? endpoint = null, object? defaults = null,
        string? subdomain = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = handler.Method;
        endpoint ??= method.Name.Contains('<') ? $"{rule} {string.Join(",", methods ?? ["GET"])}" : method.Name;
        // The same delegate for a second rule of its endpoint (Werkzeug's defaults idiom) is the same handler.
        var same = _endpointHandlers.TryGetValue(endpoint, out var known) && known.Method == method && ReferenceEquals(known.Target, handler.Target);
        Add(rule, methods ?? [], endpoint, same ? known! : new Handler(method, handler, null), strictSlashes: true,
            defaults: defaults is null ? null : ToDictionary(defaults), domain: subdomain);
        return this;
    }

    /// <summary>Registers a GET handler.</summary>
    public MicroWebApp Get(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["GET"], endpoint);

    /// <summary>Registers a POST handler.</summary>
    public MicroWebApp Post(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["POST"], endpoint);

    /// <summary>Registers a PUT handler.</summary>
    public MicroWebApp Put(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PUT"], endpoint);

    /// <summary>Registers a DELETE handler.</summary>
    public MicroWebApp Delete(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["DELETE"], endpoint);

    /// <summary>Registers a PATCH handler.</summary>
    public MicroWebApp Patch(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PATCH"], endpoint);

    /// <summary>Registers every <c>[Route]</c> method of a class (static or instance).</summary>
    public MicroWebApp AddRoutes<T>() => AddRoutes(typeof(T));

    /// <summary>Registers every <c>[Route]</c> method of a class (static or instance).</summary>
    public MicroWebApp AddRoutes(Type type)
    {
        var prefix = type.GetCustomAttribute<RoutePrefixAttribute>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).OrderBy(m => m.MetadataToken))
        {
            foreach (var error in method.GetCustomAttributes<ErrorHandlerAttribute>()) AddErrorHandler(method, error);
            var attributes = method.GetCustomAttributes<RouteAttribute>().ToArray();
            if (attributes.Length == 0) continue;
            var handler = new Handler(method, null, t => HandlerFactory(t));
            foreach (var route in attributes)
            {
                var endpoint = route.Endpoint ?? method.Name;
                if (prefix?.Name is { Length: > 0 } ns) endpoint = $"{ns}.{endpoint}";
                var rule = prefix is null ? route.Rule : prefix.Prefix.TrimEnd('/') + route.Rule;
                Add(rule, route.Methods, endpoint, handler, route.StrictSlashes, route.MaxContentLength >= 0 ? route.MaxContentLength : null,
                    mergeSlashes: route.MergeSlashesOverride, defaults: RuleParser.ParseDefaults(route.Defaults, rule),
                    domain: _routes.HostMatching ? route.Host : route.Subdomain);
            }
        }
        return this;
    }

    /// <summary>Registers every <c>[Route]</c> method of every type in an assembly.</summary>
    public MicroWebApp AddRoutesFrom(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
            if (type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => m.IsDefined(typeof(RouteAttribute)) || m.IsDefined(typeof(ErrorHandlerAttribute))))
                AddRoutes(type);
        return this;
    }

    private void Add(string rule, string[] methods, string endpoint, Handler handler, bool strictSlashes, long? maxContentLength = null,
        string? blueprint = null, bool? mergeSlashes = null, IReadOnlyDictionary<string, object?>? defaults = null, string? domain = null)
    {
        ThrowIfStarted();
        if (_endpointHandlers.TryGetValue(endpoint, out var existing) && existing != handler)
            throw new InvalidOperationException($"Endpoint '{endpoint}' is already used by handler {existing.Name}; give handler {handler.Name} another name.");
        if (Handler.IsUnsupportedResult(handler.ResultType))
            throw new InvalidOperationException($"Handler {handler.Name}: return type {handler.ResultType.Name} is not supported (return a string, an object, a tuple or a Response).");
        var parsed = _parser.Parse(rule, mergeSlashes ?? _routes.MergeSlashes, domain);
        var binding = new RouteBinding(handler, parsed, Services?.GetService<IServiceProviderIsService>(), defaults?.Keys);
        _routes.Add(new Route(parsed, endpoint, methods, binding, binding.BindValues, strictSlashes, defaults, mergeSlashes)
            { MaxContentLength = maxContentLength, Blueprint = blueprint });
        _endpointHandlers[endpoint] = handler;
    }

    // ---- URL building ----

    /// <summary>
    /// Builds the URL of an endpoint (Flask's <c>url_for</c>), as <see cref="Web.UrlFor"/> does. Values not in the rule
    /// become the query string. <paramref name="external"/> gives an absolute URL: the current request's scheme and
    /// host, or <c>Config.ServerName</c> when set (outside a request it is required). Behind a proxy that forwards a
    /// path prefix, the URL starts with it.
    /// </summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, missing or unconvertible values.</exception>
    /// <exception cref="InvalidOperationException">An external URL outside a request, without <c>Config.ServerName</c>.</exception>
    public string UrlFor(string endpoint, object? values = null, bool external = false)
    {
        var request = RequestContext.Current?.Request;
        if (external && request is null && Config.ServerName is null)
            throw new InvalidOperationException($"An external URL for '{endpoint}' outside a request needs Config.ServerName (Flask's SERVER_NAME).");
        return UrlFor(endpoint, values, external ? request : null, external);
    }

    // externalFor: the request whose scheme and host an external URL takes (null outside a request: ServerName's).
    internal string UrlFor(string endpoint, object? values, Request? externalFor, bool external)
    {
        if (!external) externalFor = null;
        // ".Index" means "Index in the current request's blueprint", as in Flask.
        if (endpoint.StartsWith('.') && RequestContext.Current?.Blueprint is { } blueprint) endpoint = blueprint + endpoint;
        // Behind a proxy that mounts the app under a prefix (X-Forwarded-Prefix), every URL starts with it.
        var path = (externalFor ?? RequestContext.Current?.Request)?.PathBase + _urls.Build(ResolveAlias(endpoint.TrimStart('.')), ToDictionary(values), out var domain);
        // As Werkzeug: a rule for another subdomain (or host) than the current request's gets an absolute URL.
        if (_routes.HasDomainRules && (Config.ServerName is not null || _routes.HostMatching))
        {
            var current = externalFor ?? RequestContext.Current?.Request;
            var here = current is null ? "" : RequestDomain.Of(current.Host, current.Scheme, Config.ServerName, _routes.HostMatching);
            if (external || domain != here)
            {
                var host = _routes.HostMatching ? domain : domain.Length == 0 ? Config.ServerName : domain + "." + Config.ServerName;
                return $"{current?.Scheme ?? "http"}://{host}{path}";
            }
        }
        if (!external) return path;
        return externalFor is null ? $"http://{Config.ServerName}{path}" : $"{externalFor.Scheme}://{Config.ServerName ?? externalFor.Host}{path}";
    }

    internal static IReadOnlyDictionary<string, object?> ToDictionary(object? values) => values switch
    {
        null => new Dictionary<string, object?>(),
        IReadOnlyDictionary<string, object?> d => d,
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => kv.Value),
        IEnumerable<KeyValuePair<string, string>> d => d.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        _ => values.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(values)),
    };
}
