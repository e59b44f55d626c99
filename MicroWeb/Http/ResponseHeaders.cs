using System.Collections;

namespace MicroWeb.Http;

/// <summary>
/// Response headers, case-insensitive, several values per name allowed (Set-Cookie). Every value is checked
/// when set: control characters (CR, LF, NUL...) and non-ASCII are refused so user data cannot split a response.
/// </summary>
public sealed class ResponseHeaders : IEnumerable<KeyValuePair<string, string>>
{
    // Created on the first header: most responses carry none beyond what the server writes itself.
    private List<KeyValuePair<string, string>>? _items;

    /// <summary>Gets the first value, or replaces all values of a header (null removes it).</summary>
    public string? this[string name]
    {
        get
        {
            if (_items is null) return null;
            foreach (var (k, v) in _items)
                if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return v;
            return null;
        }
        set
        {
            Remove(name);
            if (value is not null) Add(name, value);
        }
    }

    /// <summary>Adds a value, keeping existing ones.</summary>
    /// <exception cref="ArgumentException">The name or the value has characters not allowed in a header.</exception>
    public void Add(string name, string value)
    {
        Validate(name, value);
        (_items ??= []).Add(new(name, value));
    }

    /// <summary>Removes every value of a header.</summary>
    public bool Remove(string name) => _items is not null && _items.RemoveAll(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)) > 0;

    /// <summary>True when the header is set.</summary>
    public bool Contains(string name) => this[name] is not null;

    /// <summary>Number of values.</summary>
    public int Count => _items?.Count ?? 0;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        (_items ?? (IEnumerable<KeyValuePair<string, string>>)[]).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static void Validate(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in name)
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c))
                throw new ArgumentException($"Header name '{name}' contains a character not allowed in a token.", nameof(name));
        foreach (var c in value)
            if ((c < ' ' && c != '\t') || c >= 0x7F)
                throw new ArgumentException($"Value of header '{name}' contains a control or non-ASCII character; encode it first.", nameof(value));
    }
}
