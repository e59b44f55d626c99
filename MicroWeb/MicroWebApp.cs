using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using MicroWeb.Dispatch;
using MicroWeb.Handlers;
using MicroWeb.Hosting;
using MicroWeb.Http;
using MicroWeb.Registration;
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
public sealed partial class MicroWebApp : Scaffold<MicroWebApp>
{
    private readonly RouteTable _routes = new();
    private readonly RuleParser _parser;
    private readonly UrlBuilder _urls;
    // By endpoint name, the handler (one handler may serve several rules); by route index, what dispatch needs.
    private readonly Dictionary<string, Handler> _handlers = new(Names.Comparer);
    private readonly List<RouteEndpoint> _routeEndpoints = [];

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
            HandlerFactory = FromServices;
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
    public JsonSerializerOptions JsonOptions
    {
        // Made on first use: an app that answers its first request without JSON starts sooner.
        get => Volatile.Read(ref _jsonOptions) ?? LazyInitializer.EnsureInitialized(ref _jsonOptions, JsonDefaults.Create);
        set => _jsonOptions = value;
    }

    private JsonSerializerOptions? _jsonOptions;

    /// <summary>The app's services (<see cref="MicroWebOptions.Services"/>), or null. Requests get a scope of them.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>Creates instances of handler classes for instance-method handlers (one per request). Plug a
    /// DI container here: <c>app.HandlerFactory = t =&gt; ActivatorUtilities.CreateInstance(services, t)</c>.</summary>
    public Func<Type, object> HandlerFactory { get; set; } = Create;

    // Handler classes reach the factory only from AddRoutes, whose parameter keeps their public constructors.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Types come from AddRoutes, annotated with HandlerType.Members.")]
    private static object Create(Type type) => Activator.CreateInstance(type)!;

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Types come from AddRoutes, annotated with HandlerType.Members.")]
    private object FromServices(Type type) => ActivatorUtilities.CreateInstance(RequestContext.Current?.RequestServices ?? Services!, type);

    /// <summary>Loads settings from the environment and the command line (see <see cref="AppConfig.Load"/>);
    /// returns the arguments that were not settings (such as the sample's <c>routes</c> command).</summary>
    public IReadOnlyList<string> Configure(string[] args)
    {
        _configured = true;
        return Config.Load(args);
    }

    // Run applies the MICROWEB_* variables itself unless Configure did, so the five-line app takes MICROWEB_PORT too.
    private bool _configured;

    // ---- registration (the shared surface is Scaffold's) ----

    private protected override void AddRegistration(RouteRegistration registration) => AddRoute(registration, "", null, null);

    private protected override void ThrowIfClosed() => ThrowIfStarted();

    // The one way a rule enters the table, from the app itself or from a blueprint registered under a name and prefix.
    private void AddRoute(RouteRegistration r, string prefix, string? blueprintName, Blueprint? blueprint)
    {
        ThrowIfStarted();
        var endpoint = blueprintName is null ? r.Endpoint : $"{blueprintName}.{r.Endpoint}";
        var handler = r.Handler;
        if (_handlers.TryGetValue(endpoint, out var existing) && !existing.SameAs(handler))
            throw new InvalidOperationException($"Endpoint '{endpoint}' is already used by handler {existing.Name}; give handler {handler.Name} another name.");
        if (Handler.IsUnsupportedResult(handler.ResultType))
            throw new InvalidOperationException($"Handler {handler.Name}: return type {handler.ResultType.Name} is not supported (return a string, an object, a tuple or a Response).");
        var parsed = _parser.Parse(prefix + r.Rule, r.MergeSlashes ?? _routes.MergeSlashes, _routes.HostMatching ? r.Host : r.Subdomain);
        var binding = new RouteBinding(handler, parsed, Services?.GetService<IServiceProviderIsService>(), r.Defaults?.Keys);
        if (r.WebSocketSubprotocols is null && binding.Parameters.Any(p => p.Parameter.ParameterType == typeof(WebSocketConnection)))
            throw new InvalidOperationException($"Handler {handler.Name} takes a WebSocketConnection: register it as a WebSocket route ([WebSocket] or WebSocket(...)).");
        var route = new Route(parsed, endpoint, r.Methods, r.StrictSlashes, r.Defaults, r.MergeSlashes)
        {
            MaxContentLength = r.MaxContentLength,
            Blueprint = blueprintName,
            HandlerMethod = handler.Method,
            Parameters = binding.Parameters,
            ValueTypes = binding.ValueTypes,
            IsWebSocket = r.WebSocketSubprotocols is not null,
            Subprotocols = r.WebSocketSubprotocols ?? [],
        };
        _routes.Add(route);
        HasWebSocketRoutes |= route.IsWebSocket;
        _routeEndpoints.Add(new RouteEndpoint(route, binding, blueprint)); // at route.Index
        _handlers[endpoint] = handler;
    }

    // ---- URL building ----

    /// <summary>
    /// Builds the URL of an endpoint without values (Flask's <c>url_for</c>): <c>UrlFor("Index")</c>. Behind a proxy that
    /// forwards a path prefix, the URL starts with it.
    /// </summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, or the rule has variables.</exception>
    public string UrlFor(string endpoint) => ExternalUrl(endpoint, null, false);

    /// <summary>Builds the URL of an endpoint without values, absolute when <paramref name="external"/> (see
    /// <see cref="UrlFor{T}(string, T, bool)"/>).</summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, or the rule has variables.</exception>
    /// <exception cref="InvalidOperationException">An external URL outside a request, without <c>Config.ServerName</c>.</exception>
    public string UrlFor(string endpoint, bool external) => ExternalUrl(endpoint, null, external);

    /// <summary>
    /// Builds the URL of an endpoint (Flask's <c>url_for</c>), as <see cref="Web.UrlFor{T}(string, T, bool)"/> does, with
    /// values: <c>UrlFor("Perfil", new { nombre = "ana" })</c> or a dictionary; the public properties of
    /// <typeparamref name="T"/> are the values (kept by trimming). Values not in the rule become the query string.
    /// <paramref name="external"/> gives an absolute URL: the current request's scheme and host, or
    /// <c>Config.ServerName</c> when set (outside a request it is required). Behind a proxy that forwards a path prefix,
    /// the URL starts with it.
    /// </summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, missing or unconvertible values.</exception>
    /// <exception cref="InvalidOperationException">An external URL outside a request, without <c>Config.ServerName</c>.</exception>
    public string UrlFor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string endpoint, T values, bool external = false) =>
        ExternalUrl(endpoint, PropertyValues.From(values), external);

    /// <summary>Builds the URL of an endpoint with values typed as <see cref="object"/> (their runtime type's properties
    /// are read); see <see cref="UrlFor{T}(string, T, bool)"/>.</summary>
    /// <exception cref="UrlBuildException">Unknown endpoint, missing or unconvertible values.</exception>
    /// <exception cref="InvalidOperationException">An external URL outside a request, without <c>Config.ServerName</c>.</exception>
    [RequiresUnreferencedCode(PropertyValues.Warning)]
    public string UrlFor(string endpoint, object? values = null, bool external = false) =>
        ExternalUrl(endpoint, PropertyValues.FromObject(values), external);

    internal string ExternalUrl(string endpoint, IReadOnlyDictionary<string, object?>? values, bool external)
    {
        var request = RequestContext.Current?.Request;
        if (external && request is null && Config.ServerName is null)
            throw new InvalidOperationException($"An external URL for '{endpoint}' outside a request needs Config.ServerName (Flask's SERVER_NAME).");
        return BuildUrl(endpoint, values, external ? request : null, external);
    }

    // externalFor: the request whose scheme and host an external URL takes (null outside a request: ServerName's).
    internal string BuildUrl(string endpoint, IReadOnlyDictionary<string, object?>? values, Request? externalFor, bool external)
    {
        values ??= new Dictionary<string, object?>();
        if (!external) externalFor = null;
        // ".Index" means "Index in the current request's blueprint", as in Flask.
        if (endpoint.StartsWith('.') && RequestContext.Current?.Blueprint is { } blueprint) endpoint = blueprint + endpoint;
        // Behind a proxy that mounts the app under a prefix (X-Forwarded-Prefix), every URL starts with it.
        var path = (externalFor ?? RequestContext.Current?.Request)?.PathBase + _urls.Build(ResolveAlias(endpoint.TrimStart('.')), values, out var domain);
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
}
