using System.Globalization;
using System.Reflection;
using MicroWeb.Routing;

namespace MicroWeb.RateLimiting;

/// <summary>
/// The app's rate limits: which policy a request falls under (its route's <see cref="RateLimitAttribute"/>, else its
/// blueprint's, else the app's) and the 429 for a request over it. Exists only once an app configures a limit.
/// </summary>
internal sealed class RateLimits()
    : RoutePolicies<RateLimitPolicy>(member => member.GetCustomAttribute<RateLimitAttribute>()?.PolicyName, "RateLimit", nameof(MicroWebApp.AddRateLimitPolicy))
{
    /// <summary>The 429 error (with Retry-After) for a request over its limit, else null; <paramref name="routePolicy"/>
    /// is the matched route's policy, or the app's when <paramref name="routed"/> is false.</summary>
    public HttpException? Check(Request request, bool routed, RateLimitPolicy? routePolicy)
    {
        var policy = routed ? routePolicy : App;
        if (policy?.Refuse(request) is not { } retryAfter) return null;
        var error = new HttpException(429, "Too many requests: wait before trying again.");
        // Whole seconds, rounded up: a client that waits that long finds the limit replenished.
        error.Headers["Retry-After"] = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return error;
    }
}
