using System.Text.RegularExpressions;

namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;any(about, help):page&gt;</c>: exactly one of the listed words.</summary>
public sealed class AnyConverter : RouteConverter
{
    private readonly HashSet<string> _items;

    /// <summary>Reads the positional list of allowed words.</summary>
    public AnyConverter(ConverterArguments args)
    {
        if (args.Positional.Count == 0) throw new ArgumentException("any() needs at least one item");
        if (args.Named.Count > 0) throw new ArgumentException("any() takes only positional items");
        _items = new HashSet<string>(args.Positional.Select(ConverterArguments.Format), StringComparer.Ordinal);
        if (_items.Any(i => i.Length == 0 || i.Contains('/'))) throw new ArgumentException("any() items must be non-empty and contain no '/'");
        Pattern = "(?:" + string.Join("|", _items.Select(Regex.Escape)) + ")";
    }

    /// <summary>The accepted words.</summary>
    public IReadOnlyCollection<string> Items => _items;

    /// <inheritdoc />
    public override int Weight => 80;

    /// <inheritdoc />
    public override string Pattern { get; }

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = text;
        return _items.Contains(text);
    }
}
