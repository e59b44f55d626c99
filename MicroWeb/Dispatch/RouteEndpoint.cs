using MicroWeb.Cors;
using MicroWeb.Errors;
using MicroWeb.Handlers;
using MicroWeb.Hooks;
using MicroWeb.RateLimiting;
using MicroWeb.Routing;

namespace MicroWeb.Dispatch;

/// <summary>
/// Everything dispatch needs for one route, found by the route's index: its binding, and, fixed when the app starts
/// (hooks, filters and policies may be added until then), the hooks and error handlers of its blueprint joined with
/// the app's, its view filters, its CORS and rate-limit policies and its <c>Allow</c> header.
/// </summary>
internal sealed class RouteEndpoint(Route route, RouteBinding binding, Blueprint? blueprint)
{
    public Route Route { get; } = route;

    public RouteBinding Binding { get; } = binding;

    /// <summary>The blueprint the route came from, or null for the app's own routes.</summary>
    public Blueprint? Blueprint { get; } = blueprint;

    /// <summary>The request hooks that apply, in the order they run: the app's, then the blueprint's.</summary>
    public RequestHooks Hooks { get; private set; } = null!;

    /// <summary>The blueprint's error handlers, tried before the app's; null for the app's routes.</summary>
    public ErrorHandlerRegistry? BlueprintErrorHandlers => Blueprint?.ErrorHandlers;

    /// <summary>The app's filters, the blueprint's, then those on the handler's class and method.</summary>
    public ViewFilterAttribute[] Filters { get; private set; } = [];

    public CorsPolicy? Cors { get; private set; }

    public RateLimitPolicy? RateLimit { get; private set; }

    /// <summary>Every method of the rules of this URL shape, sorted: what an automatic OPTIONS or a CORS preflight allows.</summary>
    public IReadOnlyList<string> AllowedMethods { get; private set; } = [];

    /// <summary><see cref="AllowedMethods"/> as an <c>Allow</c> header.</summary>
    public string Allow { get; private set; } = "";

    /// <summary>Fixes what may change until the app starts.</summary>
    public void Complete(MicroWebApp app, RouteTable table, CorsPolicies? cors, RateLimits? rateLimits)
    {
        Hooks = Blueprint is null ? app.Hooks : RequestHooks.Join(app.Hooks, Blueprint.Hooks);
        Filters = [.. app.Filters, .. Blueprint?.Filters ?? [], .. Binding.Filters];
        Cors = cors?.Resolve(Route);
        RateLimit = rateLimits?.Resolve(Route);
        AllowedMethods = table.MethodsOfShape(Route);
        Allow = string.Join(", ", AllowedMethods);
    }
}
