namespace MicroWeb.Cors;

/// <summary>
/// Applies the CORS policy named with <see cref="MicroWebApp.AddCorsPolicy"/> to a route (on a handler method, a lambda
/// or a class of <c>[Route]</c> methods), instead of the blueprint's or the app's, as ASP.NET Core's <c>[EnableCors]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class CorsAttribute(string policyName) : Attribute
{
    /// <summary>The policy's name.</summary>
    public string PolicyName { get; } = policyName;
}
