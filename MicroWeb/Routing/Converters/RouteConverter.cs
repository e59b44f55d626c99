using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary>
/// Turns one URL variable into a value and back, like a Werkzeug converter.
/// Subclass it and register a factory with <see cref="ConverterRegistry.Add"/> to add your own.
/// </summary>
public abstract class RouteConverter
{
    /// <summary>Order among variables that compete for the same segment: lower weights are tried first
    /// (int and float 50, uuid 60, any 80, string 100, path 200).</summary>
    public virtual int Weight => 100;

    /// <summary>True when the value may contain slashes (the <c>path</c> converter); such a variable
    /// takes the rest of the URL.</summary>
    public virtual bool MatchesSlashes => false;

    /// <summary>A .NET regular expression for the text this converter accepts. Used only when the variable
    /// shares a segment with other text (<c>/file.&lt;ext&gt;</c>) or follows a path variable.</summary>
    public abstract string Pattern { get; }

    /// <summary>The CLR type of the values <see cref="TryConvert"/> produces.</summary>
    public virtual Type ValueType => typeof(string);

    /// <summary>Checks the text of a variable and converts it. Returning false means "this rule does not
    /// match"; the router then tries the next candidate, as Werkzeug does on a ValidationError.</summary>
    public abstract bool TryConvert(string text, out object? value);

    /// <summary>Turns a value back into URL text (before percent-encoding) for <c>UrlFor</c>.</summary>
    public virtual string ToUrl(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
