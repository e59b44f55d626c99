using System.Collections.Concurrent;
using System.Reflection;
using MicroWeb.Handlers;

namespace MicroWeb.Routing;

/// <summary>
/// Policies set per route, per blueprint or for the whole app (CORS, rate limits). A route's named policy (an
/// attribute on its method or class) wins over its blueprint's, which wins over the app's; resolved once per route.
/// </summary>
internal class RoutePolicies<TPolicy>(Func<MemberInfo, string?> policyNameOn, string attribute, string addMethod) where TPolicy : class
{
    private readonly ConcurrentDictionary<Route, TPolicy?> _byRoute = new();

    public TPolicy? App { get; set; }
    public Dictionary<string, TPolicy> Named { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TPolicy> Blueprints { get; } = new(StringComparer.Ordinal);

    /// <summary>The policy of a request routed to <paramref name="route"/> (the app's when nothing matched).</summary>
    public TPolicy? For(Route? route) => route is null ? App : _byRoute.GetOrAdd(route, Resolve);

    private TPolicy? Resolve(Route route)
    {
        if (route.Handler is RouteBinding { Handler.Method: var method }
            && (policyNameOn(method) ?? (method.DeclaringType is { } type ? policyNameOn(type) : null)) is { } name)
            return Named.TryGetValue(name, out var named) ? named
                : throw new InvalidOperationException($"[{attribute}(\"{name}\")] on {method.DeclaringType?.Name}.{method.Name}: no such policy; add it with app.{addMethod}.");
        return route.Blueprint is { } blueprint && Blueprints.TryGetValue(blueprint, out var policy) ? policy : App;
    }
}
