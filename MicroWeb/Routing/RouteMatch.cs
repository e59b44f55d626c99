namespace MicroWeb.Routing;

/// <summary>What the router decided for a method and a path.</summary>
public enum MatchOutcome
{
    /// <summary>No rule matches the path: 404.</summary>
    NotFound,
    /// <summary>A route matched; <see cref="RouteMatch.Route"/> and <see cref="RouteMatch.Values"/> are set.</summary>
    Found,
    /// <summary>The path matches rules, none for this method: 405 with <see cref="RouteMatch.AllowedMethods"/>.</summary>
    MethodNotAllowed,
    /// <summary>The path lacks the trailing slash of a strict rule: redirect to the same URL with '/'.</summary>
    RedirectToSlash,
    /// <summary>The rule matched under another URL: the path with merged slashes, or the URL of the rule whose
    /// defaults give the same values. Redirect (308) to <see cref="RouteMatch.Location"/>.</summary>
    Redirect,
}

/// <summary>The router's answer. A struct so that matching a static route allocates nothing.</summary>
public readonly struct RouteMatch
{
    internal RouteMatch(MatchOutcome outcome, Route? route = null, object?[]? values = null, IReadOnlyCollection<string>? allowed = null,
        string? location = null)
    {
        Outcome = outcome;
        Location = location;
        Route = route;
        Values = values ?? [];
        AllowedMethods = allowed ?? [];
    }

    /// <summary>The decision.</summary>
    public MatchOutcome Outcome { get; }

    /// <summary>The matched route, when <see cref="Outcome"/> is Found (or the strict-slash rule on RedirectToSlash).</summary>
    public Route? Route { get; }

    /// <summary>Converted values of the rule's variables, in the rule's order.</summary>
    public object?[] Values { get; }

    /// <summary>For <see cref="MatchOutcome.Redirect"/>: the percent-encoded path to redirect to (without the query).</summary>
    public string? Location { get; }

    /// <summary>For MethodNotAllowed: every method the path accepts (sorted).</summary>
    public IReadOnlyCollection<string> AllowedMethods { get; }

    /// <summary>The value of one variable by name, or null.</summary>
    public object? this[string name]
    {
        get
        {
            if (Route is null) return null;
            var i = 0;
            foreach (var v in Route.ValueNames)
            {
                if (Names.Same(v, name)) return i < Values.Length ? Values[i] : null;
                i++;
            }
            return null;
        }
    }
}
