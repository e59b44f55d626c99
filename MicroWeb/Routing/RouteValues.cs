using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MicroWeb.Routing;

/// <summary>
/// A matched rule's variables by name: a read-only view over the route's variable names and the values the
/// matcher produced, so that a request does not build a dictionary nobody may read.
/// </summary>
internal sealed class RouteValues(Route route, object?[] values) : IReadOnlyDictionary<string, object?>
{
    /// <summary>No variables.</summary>
    public static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private readonly IReadOnlyList<string> _names = route.ValueNames;

    public int Count => Math.Min(_names.Count, values.Length);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The rule has no variable '{key}'.");

    public IEnumerable<string> Keys => this.Select(kv => kv.Key);

    public IEnumerable<object?> Values => this.Select(kv => kv.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
            if (Names.Same(_names[i], key)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return new(_names[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
