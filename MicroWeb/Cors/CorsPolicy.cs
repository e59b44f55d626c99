namespace MicroWeb.Cors;

/// <summary>
/// Which other sites (origins) may call the app from a browser, as flask-cors and ASP.NET Core's CORS policies.
/// Give one to <see cref="MicroWebApp.UseCors"/> (every route), <see cref="Blueprint.Cors"/> (a blueprint's routes)
/// or name it with <see cref="MicroWebApp.AddCorsPolicy"/> and put <see cref="CorsAttribute"/> on a route.
/// </summary>
public sealed class CorsPolicy
{
    /// <summary>The allowed origins, exactly as a browser sends them (<c>https://app.example.com</c>, no path);
    /// <c>"*"</c> allows any origin (then <see cref="AllowCredentials"/> must be false).</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>Decides for origins not in <see cref="Origins"/> (<c>o =&gt; o.EndsWith(".example.com")</c>, careful:
    /// that also matches <c>evil-example.com</c> unless you compare the dot).</summary>
    public Func<string, bool>? IsOriginAllowed { get; init; }

    /// <summary>The methods a cross-origin request may use; null: those the route answers (its <c>Allow</c>).</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    /// <summary>The request headers a cross-origin request may send; null: any it asks for.</summary>
    public IReadOnlyList<string>? Headers { get; init; }

    /// <summary>Response headers the browser lets the calling script read (<c>Access-Control-Expose-Headers</c>).</summary>
    public IReadOnlyList<string> ExposedHeaders { get; init; } = [];

    /// <summary>True lets the browser send cookies and read the response (<c>Access-Control-Allow-Credentials</c>).
    /// Never combined with any origin: the allowed origin is always named.</summary>
    public bool AllowCredentials { get; init; }

    /// <summary>How long a browser may cache a preflight answer (<c>Access-Control-Max-Age</c>); none when null.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>A policy that allows <paramref name="origins"/> (<c>"*"</c> for any).</summary>
    public static CorsPolicy AllowOrigins(params string[] origins) => new() { Origins = origins };

    internal bool AnyOrigin => Origins.Contains("*");

    internal bool Allows(string origin) =>
        AnyOrigin || Origins.Contains(origin, StringComparer.OrdinalIgnoreCase) || IsOriginAllowed?.Invoke(origin) == true;

    internal void Validate()
    {
        if (AllowCredentials && AnyOrigin)
            throw new InvalidOperationException("A CORS policy cannot allow credentials for any origin (\"*\"): list the origins, or use IsOriginAllowed.");
        foreach (var origin in Origins)
            if (origin != "*" && (origin.EndsWith('/') || !origin.Contains("://", StringComparison.Ordinal)) && origin != "null")
                throw new InvalidOperationException($"CORS origin '{origin}' is not an origin: write scheme://host[:port], without a path or a trailing slash.");
    }
}
