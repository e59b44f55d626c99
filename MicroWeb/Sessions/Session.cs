using MicroWeb.Sessions;
using MicroWeb.Http;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroWeb;

/// <summary>
/// Flask's <c>session</c>: a small dictionary kept in a cookie signed with the app's <c>SecretKey</c>. The client can
/// read it but not change it (a tampered cookie gives an empty session), so any instance of the app can serve any request.
/// Values are JSON. Every cookie carries the signed time it was written: after
/// <see cref="AppConfig.PermanentSessionLifetime"/> (31 days by default) it reads as an empty session.
/// </summary>
public sealed class Session : IEnumerable<KeyValuePair<string, JsonNode?>>
{
    // Kept beside the values in the cookie, as Flask keeps "_permanent" in its session dictionary.
    internal const string PermanentKey = "_permanent";

    private readonly JsonObject _values;
    private bool _permanent;

    internal Session(JsonObject values)
    {
        _values = values;
        if (_values.Remove(PermanentKey, out var permanent))
            _permanent = permanent is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    }

    /// <summary>True once something was set or removed: the pipeline then sends the cookie again.</summary>
    public bool IsModified { get; private set; }

    /// <summary>
    /// A permanent session's cookie has an Expires date (now plus <see cref="AppConfig.PermanentSessionLifetime"/>), so the
    /// browser keeps it after it is closed; otherwise the cookie lasts until the browser closes (and the signed
    /// timestamp still ends it after the lifetime). False by default, as Flask's <c>session.permanent</c>.
    /// </summary>
    public bool Permanent
    {
        get => _permanent;
        set
        {
            if (_permanent == value) return;
            _permanent = value;
            IsModified = true;
        }
    }

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
    public T? Get<T>(string key) => _values[key] is { } node ? (T?)node.Deserialize(JsonMetadata.Info(SessionJson.Options, typeof(T))) : default;

    /// <summary>Stores any JSON-serializable value.</summary>
    public void Set<T>(string key, T value)
    {
        if (key == PermanentKey) throw new ArgumentException($"'{PermanentKey}' is reserved: set Session.Permanent instead.", nameof(key));
        _values[key] = JsonSerializer.SerializeToNode(value, JsonMetadata.Info(SessionJson.Options, typeof(T)));
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

    /// <summary>
    /// Empties the session, <see cref="Permanent"/> included (log-out): the response deletes the cookie. A copy of the
    /// old cookie kept by someone stays valid until its signed timestamp expires; see docs/security.md for
    /// revoking sessions sooner.
    /// </summary>
    public void Clear()
    {
        if (_values.Count == 0 && !_permanent) return;
        _values.Clear();
        _permanent = false;
        IsModified = true;
    }

    internal string ToJson()
    {
        if (!_permanent) return _values.ToJsonString();
        _values[PermanentKey] = true;
        try { return _values.ToJsonString(); }
        finally { _values.Remove(PermanentKey); }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonNode?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
