namespace MicroWeb;

/// <summary>
/// Marks a method as the handler of a URL rule, as Flask's <c>@app.route</c>. Repeatable: one handler can
/// answer several rules (<c>/</c> and <c>/inicio</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RouteAttribute(string rule) : Attribute
{
    /// <summary>The rule, e.g. <c>/blog/&lt;int:publicacionId&gt;</c>.</summary>
    public string Rule { get; } = rule;

    /// <summary>Accepted methods; GET when empty. HEAD and OPTIONS are automatic.</summary>
    public string[] Methods { get; set; } = [];

    /// <summary>Endpoint name for <c>UrlFor</c>; the method name when null.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Flask's strict_slashes; true by default. False: the rule matches with and without its trailing slash.</summary>
    public bool StrictSlashes { get; set; } = true;

    private bool? _mergeSlashes;

    /// <summary>Werkzeug's merge_slashes for this rule: whether <c>/a//b</c> redirects to <c>/a/b</c> when this rule
    /// matches the merged path. Unset, the app's <c>Routes.MergeSlashes</c> (true by default) decides.</summary>
    public bool MergeSlashes
    {
        get => _mergeSlashes ?? true;
        set => _mergeSlashes = value;
    }

    internal bool? MergeSlashesOverride => _mergeSlashes;

    /// <summary>Flask's <c>subdomain=</c>: the subdomain of <c>Config.ServerName</c> this rule answers, as a rule
    /// (<c>"&lt;tenant&gt;"</c> binds a <c>tenant</c> parameter, <c>"www"</c> is literal). Unset: the bare server name.</summary>
    public string? Subdomain { get; set; }

    /// <summary>Werkzeug's <c>host=</c>, for apps with <c>Routes.HostMatching</c>: the whole host this rule answers
    /// (<c>"&lt;tenant&gt;.example.test"</c>).</summary>
    public string? Host { get; set; }

    /// <summary>Werkzeug's defaults, in converter-argument syntax: <c>"page=1"</c>, <c>"lang='es', page=1"</c>. They
    /// fill handler parameters the rule has no variable for; <c>UrlFor</c> builds this rule for those values, and
    /// another rule of the same endpoint redirects here when its URL carries them.</summary>
    public string? Defaults { get; set; }

    /// <summary>Largest body this route accepts, in bytes; the app's <c>Config.MaxContentLength</c> when negative (the default).</summary>
    public long MaxContentLength { get; set; } = -1;
}

/// <summary>
/// Puts every route of a class under a URL prefix, and optionally its endpoints under a name prefix
/// (<c>[RoutePrefix("/api", Name = "api")]</c> makes <c>UrlFor("api.Frutas")</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RoutePrefixAttribute(string prefix) : Attribute
{
    /// <summary>The URL prefix, starting with '/'.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Prefix for endpoint names, joined with a dot.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a handler parameter from the query string (<c>?nombre=Ana</c>).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromQueryAttribute : Attribute
{
    /// <summary>The query name; the parameter name when null.</summary>
    public string? Name { get; set; }
}

/// <summary>Binds a handler parameter from the JSON body. Implicit for class and record parameters.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromBodyAttribute : Attribute;
