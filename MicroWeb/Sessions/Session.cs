using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroWeb;

/// <summary>
/// Flask's <c>session</c>: a small dictionary kept in a cookie signed with the app's <c>SecretKey</c>. The client can
/// read it but not change it (a tampered cookie gives an empty session), so any instance of the app can serve any request.
/// Values are JSON.
/// </summary>
public sealed class Session : IEnumerable<KeyValuePair<string, JsonNode?>>
{
    private readonly JsonObject _values;

    internal Session(JsonObject values) => _values = values;

    /// <summary>True once something was set or removed: the pipeline then sends the cookie again.</summary>
    public bool IsModified { get; private set; }

    /// <summary>Number of keys.</summary>
    public int Count => _values.Count;

    /// <summary>A value as text (null when absent); setting null removes the key.</summary>
    public string? this[string key]
    {
        get => _values[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : _values[key]?.ToJsonString();
        set
        {
            if (value is null) Remove(key);
            else Set(key, value);
        }
    }

    /// <summary>Reads a value as <typeparamref name="T"/>, or default when absent.</summary>
    public T? Get<T>(string key) => _values[key] is { } node ? node.Deserialize<T>() : default;

    /// <summary>Stores any JSON-serializable value.</summary>
    public void Set<T>(string key, T value)
    {
        _values[key] = JsonSerializer.SerializeToNode(value);
        IsModified = true;
    }

    /// <summary>True when the key is present.</summary>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>Removes a key.</summary>
    public bool Remove(string key)
    {
        var removed = _values.Remove(key);
        IsModified |= removed;
        return removed;
    }

    /// <summary>Empties the session (the cookie is then deleted).</summary>
    public void Clear()
    {
        if (_values.Count == 0) return;
        _values.Clear();
        IsModified = true;
    }

    internal string ToJson() => _values.ToJsonString();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
