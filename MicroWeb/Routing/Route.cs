namespace MicroWeb.Routing;

/// <summary>
/// One rule bound to an endpoint: what <c>[Route]</c> or <c>app.Route(...)</c> declares.
/// A handler with two <c>[Route]</c> attributes has two routes sharing one endpoint.
/// </summary>
public sealed class Route
{
    internal Route(ParsedRule rule, string endpoint, IEnumerable<string> methods, bool strictSlashes = true,
        IReadOnlyDictionary<string, object?>? defaults = null, bool? mergeSlashes = null)
    {
        Parsed = rule;
        Endpoint = endpoint;
        var declared = new HashSet<string>(methods.Select(m => m.Trim().ToUpperInvariant()), StringComparer.Ordinal);
        if (declared.Count == 0) declared.Add("GET");
        DeclaredMethods = declared;
        // As Werkzeug: GET implies HEAD, and every rule answers OPTIONS (automatically unless declared).
        var all = new HashSet<string>(declared, StringComparer.Ordinal);
        if (all.Contains("GET")) all.Add("HEAD");
        all.Add("OPTIONS");
        Methods = all;
        StrictSlashes = strictSlashes;
        MergeSlashes = mergeSlashes;
        Defaults = defaults ?? EmptyDefaults;
        foreach (var name in Defaults.Keys)
            if (rule.Variables.Any(v => Names.Same(v.Name, name)))
                throw new ArgumentException($"Rule '{rule.Text}': '{name}' is both a variable and a default.", nameof(defaults));
        ValueNames = [.. rule.Variables.Select(v => v.Name), .. Defaults.Keys];
        _defaultValues = [.. Defaults.Values];
    }

    private static readonly IReadOnlyDictionary<string, object?> EmptyDefaults = new Dictionary<string, object?>();
    private readonly object?[] _defaultValues;

    /// <summary>The name the route's blueprint was registered under, or null for app routes.</summary>
    public string? Blueprint { get; init; }

    /// <summary>Largest request body for this route, overriding the app's limit; null means the app's.</summary>
    public long? MaxContentLength { get; init; }

    /// <summary>The rule as written, e.g. <c>/blog/&lt;int:publicacionId&gt;</c>.</summary>
    public string Rule => Parsed.Text;

    /// <summary>The rule's subdomain rule (Flask's <c>subdomain=</c>, e.g. <c>&lt;tenant&gt;</c>), or its host rule when
    /// the table has <see cref="RouteTable.HostMatching"/>; null for rules that match the app's own host.</summary>
    public string? Domain => Parsed.DomainText;

    /// <summary>The name <c>UrlFor</c> uses.</summary>
    public string Endpoint { get; }

    /// <summary>Methods this route answers, including the automatic HEAD and OPTIONS.</summary>
    public IReadOnlySet<string> Methods { get; }

    /// <summary>Methods the route was declared with.</summary>
    public IReadOnlySet<string> DeclaredMethods { get; }

    /// <summary>Variable names in order of appearance in the rule.</summary>
    public IEnumerable<string> Variables => Parsed.Variables.Select(v => v.Name);

    /// <summary>When true (the default, as Flask), a rule ending in '/' redirects the slashless URL,
    /// and a rule without one does not match a URL with it.</summary>
    public bool StrictSlashes { get; }

    /// <summary>Werkzeug's <c>defaults</c>: values the rule gives its handler without taking them from the URL. A rule
    /// with defaults is also the one <c>UrlFor</c> builds for those values, and (with
    /// <see cref="RouteTable.RedirectDefaults"/>) the URL another rule of the endpoint redirects to for them.</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; }

    /// <summary>Werkzeug's per-rule <c>merge_slashes</c>: null means the table's <see cref="RouteTable.MergeSlashes"/>.</summary>
    public bool? MergeSlashes { get; }

    /// <summary>The names of <see cref="RouteMatch.Values"/>: the rule's variables, then its defaults.</summary>
    internal IReadOnlyList<string> ValueNames { get; }

    /// <summary>Werkzeug's rule arguments: variables and defaults, as a set.</summary>
    internal bool SameArguments(Route other) =>
        ValueNames.Count == other.ValueNames.Count && ValueNames.All(other.ValueNames.Contains);

    /// <summary>The captured values followed by the defaults.</summary>
    internal object?[] WithDefaults(object?[] captures) => _defaultValues.Length == 0 ? captures : [.. captures, .. _defaultValues];

    internal ParsedRule Parsed { get; }

    /// <summary>True for a WebSocket route (<c>[WebSocket]</c>, <c>app.WebSocket(...)</c>).</summary>
    public bool IsWebSocket { get; init; }

    /// <summary>A WebSocket route's subprotocols, in order of preference.</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>The handler's method (a lambda's is compiler-generated), or null for a route added without one.</summary>
    public System.Reflection.MethodInfo? HandlerMethod { get; init; }

    /// <summary>The handler's parameters and where each value comes from, in declaration order.</summary>
    public IReadOnlyList<HandlerParameter> Parameters { get; init; } = [];

    /// <summary>Per value (<see cref="ValueNames"/>), the type the handler takes it as: the matcher converts to it, and
    /// a value that does not convert means the rule does not match (null: values as the converters give them).</summary>
    internal Type[]? ValueTypes { get; init; }

    /// <summary>The route's position in its table, which is also where the app keeps what dispatch needs for it.</summary>
    internal int Index { get; set; } = -1;

    /// <summary>Where the route sits in its table's trie: the rules of the same URL shape share it.</summary>
    internal RouteNode? Node { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Rule} [{string.Join(",", DeclaredMethods)}] -> {Endpoint}";
}
