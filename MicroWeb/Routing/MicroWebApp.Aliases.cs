namespace MicroWeb;

public sealed partial class MicroWebApp
{
    private readonly Dictionary<string, string> _aliases = new(Routing.Names.Comparer);

    /// <summary>
    /// Gives an existing endpoint a second name for <c>UrlFor</c>, as Flask's <c>app.add_url_rule("/", endpoint="index")</c>
    /// does for the tutorial's blog: <c>app.Alias("index", "blog.Index")</c> makes <c>UrlFor("index")</c> the blog's
    /// page. No route is added, so nothing clashes with the endpoint's own rule; the target may be registered later.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name is already an endpoint or an alias.</exception>
    public MicroWebApp Alias(string name, string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ThrowIfStarted();
        if (_handlers.ContainsKey(name) || !_aliases.TryAdd(name, endpoint))
            throw new InvalidOperationException($"'{name}' is already an endpoint or an alias.");
        return this;
    }

    private string ResolveAlias(string endpoint) =>
        _aliases.Count > 0 && !_handlers.ContainsKey(endpoint) && _aliases.TryGetValue(endpoint, out var target) ? target : endpoint;
}
