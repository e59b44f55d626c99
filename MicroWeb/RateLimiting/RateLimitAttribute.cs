namespace MicroWeb.RateLimiting;

/// <summary>
/// Limits a route (on a handler method, a lambda or a class of <c>[Route]</c> methods) with the policy named by
/// <see cref="MicroWebApp.AddRateLimitPolicy"/>, instead of its blueprint's or the app's, as flask-limiter's
/// <c>@limiter.limit</c> and ASP.NET Core's <c>[EnableRateLimiting]</c>. Routes that name the same policy share its counts.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class RateLimitAttribute(string policyName) : Attribute
{
    /// <summary>The policy's name.</summary>
    public string PolicyName { get; } = policyName;
}
