using MicroWeb.RateLimiting;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    // Null until the app configures a limit: other apps pay one null check.
    private RateLimits? _rateLimits;

    private RateLimits RateLimits => _rateLimits ??= new RateLimits();

    /// <summary>
    /// Limits every request of the app, per client address (flask-limiter's <c>default_limits</c>): one over the limit
    /// is answered 429 with Retry-After before the request hooks run. A blueprint's <see cref="Blueprint.RateLimit"/>
    /// or a route's <see cref="RateLimitAttribute"/> replaces it for their routes.
    /// </summary>
    public MicroWebApp UseRateLimiting(RateLimitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfStarted();
        RateLimits.App = policy;
        return this;
    }

    /// <summary>Names a policy for <see cref="RateLimitAttribute"/> (<c>[RateLimit("login")]</c>) on routes.</summary>
    public MicroWebApp AddRateLimitPolicy(string name, RateLimitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfStarted();
        RateLimits.Named[name] = policy;
        return this;
    }
}
