using System.Collections;

using MicroWeb.Http;

namespace MicroWeb;

/// <summary>
/// Names with one or more string values, in arrival order, as Werkzeug's MultiDict:
/// <c>query["tag"]</c> is the first value, <see cref="GetAll"/> all of them. Names are case-sensitive, as in Flask.
/// </summary>
public sealed class MultiDictionary : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    /// <summary>An empty collection.</summary>
    public static MultiDictionary Empty { get; } = new();

    /// <summary>The first value for a name, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (k, v) in _items)
                if (k == name) return v;
            return null;
        }
    }

    /// <summary>Every value for a name, in order.</summary>
    public IReadOnlyList<string> GetAll(string name) => _items.Where(kv => kv.Key == name).Select(kv => kv.Value).ToArray();

    /// <summary>True when the name was given at least once.</summary>
    public bool ContainsKey(string name) => _items.Exists(kv => kv.Key == name);

    /// <summary>Distinct names in order of first appearance.</summary>
    public IEnumerable<string> Keys => _items.Select(kv => kv.Key).Distinct();

    /// <summary>Number of name/value pairs.</summary>
    public int Count => _items.Count;

    /// <summary>Appends a value.</summary>
    public void Add(string name, string value) => _items.Add(new(name, value));

    /// <summary>Reads <c>a=1&amp;b=2&amp;a=3</c> (leading '?' allowed). Returns null when an escape or the UTF-8 is malformed.</summary>
    public static MultiDictionary? TryParseUrlEncoded(ReadOnlySpan<char> text)
    {
        var result = new MultiDictionary();
        var pairs = new UrlEncodedPairs(text);
        while (pairs.Next(out var rawName, out var rawValue))
        {
            if (!UrlEncoding.TryDecode(rawName, plusIsSpace: true, out var name) ||
                !UrlEncoding.TryDecode(rawValue, plusIsSpace: true, out var value))
                return null;
            result.Add(name, value);
        }
        return result;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
