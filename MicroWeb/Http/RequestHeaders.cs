using System.Collections;
using System.Collections.Specialized;

namespace MicroWeb.Http;

/// <summary>Request headers, case-insensitive. Wraps the server's collection without copying it.</summary>
public sealed class RequestHeaders : IEnumerable<KeyValuePair<string, string>>
{
    private readonly NameValueCollection _headers;

    /// <summary>Wraps a collection (HttpListener's, or one built by a test client).</summary>
    public RequestHeaders(NameValueCollection headers) => _headers = headers;

    /// <summary>The value of a header (several values joined by commas), or null.</summary>
    public string? this[string name] => _headers[name];

    /// <summary>True when the header is present.</summary>
    public bool Contains(string name) => _headers[name] is not null;

    /// <summary>Every value of a header.</summary>
    public IReadOnlyList<string> GetValues(string name) => _headers.GetValues(name) ?? [];

    /// <summary>Number of distinct header names.</summary>
    public int Count => _headers.Count;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (string? name in _headers.Keys)
            if (name is not null)
                yield return new(name, _headers[name] ?? string.Empty);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
