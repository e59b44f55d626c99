using System.Globalization;
using System.Reflection;
using MicroWeb.Http;
using MicroWeb.Routing;

namespace MicroWeb.Cors;

/// <summary>
/// The app's CORS policies and their application: which policy a request falls under (the route's
/// <see cref="CorsAttribute"/>, else its blueprint's, else the app's), the answer to a preflight, and the headers of
/// an actual cross-origin response. Exists only once an app configures CORS.
/// </summary>
internal sealed class CorsPolicies()
    : RoutePolicies<CorsPolicy>(member => member.GetCustomAttribute<CorsAttribute>()?.PolicyName, "Cors", nameof(MicroWebApp.AddCorsPolicy))
{
    /// <summary>The answer to a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method), or null when
    /// the request is not one or no policy covers the route. A refused preflight is a 204 without CORS headers:
    /// the browser then refuses the actual request.</summary>
    public static Response? Preflight(Request request, CorsPolicy? policy, Func<IEnumerable<string>> routeMethods)
    {
        if (request.Headers["Origin"] is not { } origin || request.Headers["Access-Control-Request-Method"] is not { } method) return null;
        if (policy is null) return null;
        var response = Response.Empty(204);
        if (!policy.AnyOrigin || policy.AllowCredentials) VaryHeader.Add(response, "Origin");
        if (!policy.Allows(origin)) return response;
        var methods = policy.Methods ?? routeMethods().ToArray();
        if (!methods.Contains(method.Trim(), StringComparer.OrdinalIgnoreCase)) return response;
        var requested = (request.Headers["Access-Control-Request-Headers"] ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (policy.Headers is { } allowed && !requested.All(h => allowed.Contains(h, StringComparer.OrdinalIgnoreCase))) return response;

        AllowOrigin(response, policy, origin);
        response.Headers["Access-Control-Allow-Methods"] = string.Join(", ", methods);
        if (requested.Length > 0) response.Headers["Access-Control-Allow-Headers"] = string.Join(", ", policy.Headers ?? requested);
        if (policy.MaxAge is { } maxAge)
            response.Headers["Access-Control-Max-Age"] = ((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return response;
    }

    /// <summary>Adds the CORS headers to the response of an actual request (any method, errors included);
    /// <paramref name="route"/> is the matched route, null when none matched (the app's policy applies then).</summary>
    public void Apply(Request request, Response response, Route? route, CorsPolicy? routePolicy)
    {
        if (response.HasHeaders && response.Headers.Contains("Access-Control-Allow-Origin")) return; // set by the handler
        if (IsAnsweredPreflight(request, route)) return; // answered by Preflight, allowed or not
        if ((route is null ? App : routePolicy) is not { } policy) return;
        if (!policy.AnyOrigin || policy.AllowCredentials) VaryHeader.Add(response, "Origin");
        if (request.Headers["Origin"] is not { } origin || !policy.Allows(origin)) return;
        AllowOrigin(response, policy, origin);
        if (policy.ExposedHeaders.Count > 0) response.Headers["Access-Control-Expose-Headers"] = string.Join(", ", policy.ExposedHeaders);
    }

    private static bool IsAnsweredPreflight(Request request, Route? route) =>
        request.Method == "OPTIONS" && route is not null && !route.DeclaredMethods.Contains("OPTIONS")
        && request.Headers["Origin"] is not null && request.Headers["Access-Control-Request-Method"] is not null;

    private static void AllowOrigin(Response response, CorsPolicy policy, string origin)
    {
        // With credentials the origin is always named, never "*" (the Fetch standard refuses "*" then anyway).
        response.Headers["Access-Control-Allow-Origin"] = policy.AnyOrigin && !policy.AllowCredentials ? "*" : origin;
        if (policy.AllowCredentials) response.Headers["Access-Control-Allow-Credentials"] = "true";
    }
}
