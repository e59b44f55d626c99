using MicroWeb.Cors;

namespace MicroWeb;

public sealed partial class MicroWebApp
{
    // Null until the app configures CORS: requests of other apps skip it with one null check.
    private CorsPolicies? _cors;

    private CorsPolicies Cors => _cors ??= new CorsPolicies();

    /// <summary>
    /// Lets other origins call every route from a browser (flask-cors's <c>CORS(app)</c>): preflight requests are
    /// answered from the route table, responses get <c>Access-Control-Allow-Origin</c> and <c>Vary: Origin</c>.
    /// A blueprint's <see cref="Blueprint.Cors"/> or a route's <see cref="CorsAttribute"/> takes precedence.
    /// </summary>
    /// <exception cref="InvalidOperationException">The policy allows credentials for any origin, or an origin is malformed.</exception>
    public MicroWebApp UseCors(CorsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfStarted();
        policy.Validate();
        Cors.App = policy;
        return this;
    }

    /// <summary>Names a policy for <see cref="CorsAttribute"/> (<c>[Cors("partners")]</c>) on routes.</summary>
    /// <exception cref="InvalidOperationException">The policy allows credentials for any origin, or an origin is malformed.</exception>
    public MicroWebApp AddCorsPolicy(string name, CorsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfStarted();
        policy.Validate();
        Cors.Named[name] = policy;
        return this;
    }
}
