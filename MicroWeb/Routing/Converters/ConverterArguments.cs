using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary>
/// The arguments written in a rule, as in <c>&lt;int(min=1, max=99):n&gt;</c> or <c>&lt;any(a, b):x&gt;</c>.
/// Values follow Werkzeug's literal rules: integers, floats, quoted strings, True/False/None, else bare words.
/// </summary>
public sealed class ConverterArguments
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>An empty argument list.</summary>
    public static ConverterArguments Empty => new([], new Dictionary<string, object?>());

    /// <summary>Creates an argument list.</summary>
    public ConverterArguments(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named)
    {
        Positional = positional;
        Named = named;
    }

    /// <summary>Arguments without a name, in order.</summary>
    public IReadOnlyList<object?> Positional { get; }

    /// <summary>Arguments given as <c>name=value</c>.</summary>
    public IReadOnlyDictionary<string, object?> Named { get; }

    /// <summary>Reads an optional integer argument by name or position.</summary>
    public long? GetInt64(string name, int position = -1) => Get(name, position) switch
    {
        null => null,
        long l => l,
        var other => throw new ArgumentException($"argument '{name}' must be an integer, not '{other}'"),
    };

    /// <summary>Reads an optional number argument by name or position.</summary>
    public double? GetDouble(string name, int position = -1) => Get(name, position) switch
    {
        null => null,
        long l => l,
        double d => d,
        var other => throw new ArgumentException($"argument '{name}' must be a number, not '{other}'"),
    };

    /// <summary>Reads an optional boolean argument by name or position.</summary>
    public bool GetBoolean(string name, bool defaultValue, int position = -1) => Get(name, position) switch
    {
        null => defaultValue,
        bool b => b,
        var other => throw new ArgumentException($"argument '{name}' must be True or False, not '{other}'"),
    };

    /// <summary>Fails when an argument was given that the converter did not read.</summary>
    public void ThrowIfUnused(string converter, int positionalAccepted = 0)
    {
        if (Positional.Count > positionalAccepted)
            throw new ArgumentException($"converter '{converter}' takes at most {positionalAccepted} positional argument(s)");
        foreach (var name in Named.Keys)
            if (!_used.Contains(name))
                throw new ArgumentException($"converter '{converter}' has no argument '{name}'");
    }

    private object? Get(string name, int position)
    {
        _used.Add(name);
        if (Named.TryGetValue(name, out var value)) return value;
        return position >= 0 && position < Positional.Count ? Positional[position] : null;
    }

    internal static string Format(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "None",
    };
}
