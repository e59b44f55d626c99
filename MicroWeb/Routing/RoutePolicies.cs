using System.Reflection;

namespace MicroWeb.Routing;

/// <summary>
/// Policies set per route, per blueprint or for the whole app (CORS, rate limits). A route's named policy (an
/// attribute on its method or class) wins over its blueprint's, which wins over the app's; resolved once per route,
/// when the app starts.
/// </summary>
internal class RoutePolicies<TPolicy>(Func<MemberInfo, string?> policyNameOn, string attribute, string addMethod) where TPolicy : class
{
    public TPolicy? App { get; set; }
    public Dictionary<string, TPolicy> Named { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TPolicy> Blueprints { get; } = new(StringComparer.Ordinal);

    /// <summary>The policy of the requests routed to <paramref name="route"/>.</summary>
    /// <exception cref="InvalidOperationException">The route names a policy that was never added.</exception>
    public TPolicy? Resolve(Route route)
    {
        if (route.HandlerMethod is { } method
            && (policyNameOn(method) ?? (method.DeclaringType is { } type ? policyNameOn(type) : null)) is { } name)
            return Named.TryGetValue(name, out var named) ? named
                : throw new InvalidOperationException($"[{attribute}(\"{name}\")] on {method.DeclaringType?.Name}.{method.Name}: no such policy; add it with app.{addMethod}.");
        return route.Blueprint is { } blueprint && Blueprints.TryGetValue(blueprint, out var policy) ? policy : App;
    }
}
