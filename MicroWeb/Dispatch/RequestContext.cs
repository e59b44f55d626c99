using MicroWeb.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MicroWeb;

/// <summary>
/// Everything about the request being handled: the app, the request, a bag for per-request data.
/// <see cref="Current"/> flows with async code, like Flask's request context, so helpers such as
/// <c>Web.UrlFor</c> work from any handler without passing the context around.
/// </summary>
public sealed class RequestContext
{
    private static readonly AsyncLocal<RequestContext?> CurrentContext = new();
    private RequestGlobals? _g;

    internal RequestContext(MicroWebApp app, Request request)
    {
        App = app;
        Request = request;
    }

    /// <summary>The context of the request handled on this async flow, or null outside a request.</summary>
    public static RequestContext? Current
    {
        get => CurrentContext.Value;
        internal set => CurrentContext.Value = value;
    }

    /// <summary>The application.</summary>
    public MicroWebApp App { get; }

    /// <summary>The request.</summary>
    public Request Request { get; }

    /// <summary>Per-request values (Flask's <c>g</c>), <c>g</c> in templates; the same object as <see cref="G"/>.</summary>
    public IDictionary<string, object?> Items => G;

    /// <summary>Per-request values (Flask's <c>g</c>): <c>c.G["user"] = user</c>; <c>{{ g.user }}</c> in templates.</summary>
    public RequestGlobals G => _g ??= new RequestGlobals();

    // What templates see as `g`: a shared, read-only empty dictionary until the handler or a hook stores something,
    // so rendering a page does not create one per request (and no template can write into the shared one).
    internal object ItemsForTemplates => (object?)_g ?? System.Collections.Frozen.FrozenDictionary<string, object?>.Empty;

    /// <summary>The signed-cookie session (Flask's <c>session</c>), loaded on first use.</summary>
    /// <exception cref="InvalidOperationException">The app has no <c>SecretKey</c>.</exception>
    public Session Session => _session ??= Sessions.SessionCookie.Load(Request, App.Config, App.Clock.GetUtcNow());

    /// <summary>The session if the request touched it, else null (nothing to save).</summary>
    internal Session? LoadedSession => _session;

    private Session? _session;

    /// <summary>
    /// This request's service scope, created on first use from <see cref="MicroWebApp.Services"/> and disposed when
    /// the request ends: scoped services (a database context) are per request, never shared.
    /// </summary>
    /// <exception cref="InvalidOperationException">The app has no services.</exception>
    public IServiceProvider RequestServices
    {
        get
        {
            _scope ??= App.Services?.CreateAsyncScope()
                ?? throw new InvalidOperationException("The app has no services: set MicroWebOptions.Services, or add the app with services.AddMicroWeb(...).");
            return _scope.Value.ServiceProvider;
        }
    }

    private AsyncServiceScope? _scope;

    /// <summary>Disposes the request's service scope, if it was created.</summary>
    internal ValueTask DisposeScopeAsync() => _scope is { } scope ? scope.DisposeAsync() : ValueTask.CompletedTask;

    // The flashed messages once this request read them (see Flashing.FlashMessages).
    internal IReadOnlyList<FlashMessage>? Flashes { get; set; }

    /// <summary>The route that matched (Flask's <c>request.url_rule</c>), or null when none did.</summary>
    public Routing.Route? Route => RouteEndpoint?.Route;

    /// <summary>The name the matched route's blueprint was registered under (Flask's <c>request.blueprint</c>), or null.</summary>
    public string? Blueprint => RouteEndpoint?.Route.Blueprint;

    /// <summary>The WebSocket of a request to a WebSocket route, once upgraded; null otherwise.</summary>
    public WebSocketConnection? WebSocket { get; internal set; }

    // What dispatch knows of the matched route: its binding, hooks, error handlers and policies.
    internal Dispatch.RouteEndpoint? RouteEndpoint { get; set; }

    /// <summary>A short id for this request, sent in the X-Request-Id header and written with logged errors.</summary>
    public string RequestId => _requestId ??= Guid.NewGuid().ToString("N")[..12];

    private string? _requestId;
}
