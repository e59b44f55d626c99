using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using MicroWeb.Handlers;
using MicroWeb.Routing;

namespace MicroWeb.RateLimiting;

/// <summary>
/// The app's rate limits: which policy a request falls under (its route's <see cref="RateLimitAttribute"/>, else its
/// blueprint's, else the app's) and the 429 for a request over it. Exists only once an app configures a limit.
/// </summary>
internal sealed class RateLimits
{
    private readonly ConcurrentDictionary<Route, RateLimitPolicy?> _byRoute = new();

    public RateLimitPolicy? App { get; set; }
    public Dictionary<string, RateLimitPolicy> Named { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RateLimitPolicy> Blueprints { get; } = new(StringComparer.Ordinal);

    /// <summary>Throws a 429 <see cref="HttpException"/> with Retry-After when the request is over its limit.</summary>
    public void Check(Request request)
    {
        var policy = request.MatchedRoute is { } route ? _byRoute.GetOrAdd(route, Resolve) : App;
        if (policy?.Refuse(request) is not { } retryAfter) return;
        var error = new HttpException(429, "Too many requests: wait before trying again.");
        // Whole seconds, rounded up: a client that waits that long finds the limit replenished.
        error.Headers["Retry-After"] = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        throw error;
    }

    private RateLimitPolicy? Resolve(Route route)
    {
        if (route.Handler is RouteBinding { Handler.Method: var method }
            && (method.GetCustomAttribute<RateLimitAttribute>() ?? method.DeclaringType?.GetCustomAttribute<RateLimitAttribute>()) is { } attribute)
            return Named.TryGetValue(attribute.PolicyName, out var named) ? named
                : throw new InvalidOperationException($"[RateLimit(\"{attribute.PolicyName}\")] on {method.DeclaringType?.Name}.{method.Name}: no such policy; add it with app.AddRateLimitPolicy.");
        return route.Blueprint is { } blueprint && Blueprints.TryGetValue(blueprint, out var policy) ? policy : App;
    }
}
