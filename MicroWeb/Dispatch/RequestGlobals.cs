using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MicroWeb;

/// <summary>
/// Flask's <c>g</c>: values that live for one request, set by hooks and handlers and read by later code and by
/// templates (<c>{{ g.user.username }}</c>). <c>Web.G</c> in code, <c>g</c> in templates: the same object.
/// A name never set reads as null, as <c>g.get</c> does.
/// <code>
/// app.Hooks.BeforeRequest(c =&gt; { c.G["user"] = LoadUser(c.Session["user_id"]); return null; });
/// var db = G.GetOrAdd("db", () =&gt; Open());   // opened on first use, once per request
/// </code>
/// </summary>
public sealed class RequestGlobals : IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>The value of a name, or null when it was never set.</summary>
    public object? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    /// <summary>The value of a name as <typeparamref name="T"/>, or default when it is not set or of another type.</summary>
    public T? Get<T>(string name) => _values.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>The value of a name, created with <paramref name="create"/> and kept when it is not there yet: how a
    /// request opens its database connection on first use (Flask's <c>get_db</c>).</summary>
    public T GetOrAdd<T>(string name, Func<T> create)
    {
        if (_values.TryGetValue(name, out var value) && value is T existing) return existing;
        var created = create();
        _values[name] = created;
        return created;
    }

    /// <summary>Removes a name and returns its value, or default when it was not set (Flask's <c>g.pop</c>):
    /// <c>c.G.Pop&lt;SqliteConnection&gt;("db")?.Dispose()</c> in a teardown hook.</summary>
    public T? Pop<T>(string name) => _values.Remove(name, out var value) && value is T typed ? typed : default;

    /// <summary>True when the name was set (even to null).</summary>
    public bool ContainsKey(string name) => _values.ContainsKey(name);

    /// <summary>Removes a name.</summary>
    public bool Remove(string name) => _values.Remove(name);

    /// <summary>Number of names set.</summary>
    public int Count => _values.Count;

    /// <summary>The names set.</summary>
    public ICollection<string> Keys => _values.Keys;

    /// <summary>The values set.</summary>
    public ICollection<object?> Values => _values.Values;

    /// <summary>Sets a name; throws when it is already set.</summary>
    public void Add(string key, object? value) => _values.Add(key, value);

    /// <summary>Forgets every name.</summary>
    public void Clear() => _values.Clear();

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => _values.Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_values).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_values).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_values).Remove(item);
}
