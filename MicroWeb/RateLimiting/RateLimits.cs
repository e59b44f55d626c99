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
    /// <summary>Throws a 429 <see cref="HttpException"/> with Retry-After when the request is over its limit.</summary>
    public void Check(Request request)
    {
        var policy = For(request.MatchedRoute);
        if (policy?.Refuse(request) is not { } retryAfter) return;
        var error = new HttpException(429, "Too many requests: wait before trying again.");
        // Whole seconds, rounded up: a client that waits that long finds the limit replenished.
        error.Headers["Retry-After"] = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        throw error;
    }
}
