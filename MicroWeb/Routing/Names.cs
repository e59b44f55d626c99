namespace MicroWeb.Routing;

/// <summary>
/// MicroWeb's one rule for names: endpoint names, rule variables, handler parameters, <c>UrlFor</c> values, route
/// values and settings compare ignoring case and underscores, so that Flask's <c>snake_case</c> and C#'s
/// <c>camelCase</c> and <c>PascalCase</c> name the same thing (<c>pedido_id</c> is <c>pedidoId</c>, <c>get_user</c>
/// is <c>GetUser</c>).
/// </summary>
internal sealed class Names : IEqualityComparer<string>
{
    /// <summary>The comparer for dictionaries keyed by name.</summary>
    public static readonly Names Comparer = new();

    private Names() { }

    /// <summary>True when two names are the same under the rule.</summary>
    public static bool Same(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && a[i] == '_') i++;
            while (j < b.Length && b[j] == '_') j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (a[i] != b[j] && char.ToUpperInvariant(a[i]) != char.ToUpperInvariant(b[j])) return false;
            i++;
            j++;
        }
    }

    /// <inheritdoc />
    public bool Equals(string? x, string? y) => Same(x, y);

    /// <inheritdoc />
    public int GetHashCode(string name)
    {
        var hash = new HashCode();
        foreach (var c in name)
            if (c != '_') hash.Add(char.ToUpperInvariant(c));
        return hash.ToHashCode();
    }
}
