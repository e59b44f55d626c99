namespace MicroWeb.Routing.Converters;

/// <summary>
/// Converter names known to rules (<c>string</c>, <c>int</c>, <c>float</c>, <c>path</c>, <c>uuid</c>, <c>any</c>,
/// plus yours). A factory runs once per distinct converter spec at startup, never per request.
/// </summary>
public sealed class ConverterRegistry
{
    private readonly Dictionary<string, Func<ConverterArguments, RouteConverter>> _factories = new(StringComparer.Ordinal)
    {
        ["default"] = a => new StringConverter(a),
        ["string"] = a => new StringConverter(a),
        ["int"] = a => new IntConverter(a),
        ["float"] = a => new FloatConverter(a),
        ["path"] = a => new PathConverter(a),
        ["uuid"] = a => new UuidConverter(a),
        ["any"] = a => new AnyConverter(a),
    };

    /// <summary>Registers (or replaces) a converter under a name usable in rules as <c>&lt;name:var&gt;</c>.</summary>
    public void Add(string name, Func<ConverterArguments, RouteConverter> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _factories[name] = factory ?? throw new ArgumentNullException(nameof(factory));
    }

    /// <summary>True when a converter of that name exists.</summary>
    public bool Contains(string name) => _factories.ContainsKey(name);

    internal RouteConverter Create(string name, ConverterArguments args) => _factories[name](args);
}
