using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary>
/// Turns one URL variable into a value and back, like a Werkzeug converter (see docs/routing.md for where MicroWeb's
/// converters differ from Werkzeug's). Subclass it and register a factory with <see cref="ConverterRegistry.Add"/>.
/// </summary>
public abstract class RouteConverter
{
    /// <summary>Order among variables that compete for the same segment: lower weights are tried first
    /// (int and float 50, uuid 60, any 80, string 100, path 200). Werkzeug gives uuid and any 100, the weight of string.</summary>
    public virtual int Weight => 100;

    /// <summary>True when the value may contain slashes (Werkzeug's <c>part_isolating = False</c>); such a variable
    /// takes the rest of the URL. By default inferred from <see cref="Pattern"/>, as Werkzeug does: true when the
    /// pattern names '/' outside a negated character class (<c>\w+/\w+</c>, not <c>[^/]+</c>).</summary>
    public virtual bool MatchesSlashes => NamesSlash(Pattern);

    /// <summary>A .NET regular expression for the text this converter accepts. Used only when the variable
    /// shares a segment with other text (<c>/file.&lt;ext&gt;</c>) or follows a path variable. Its own groups do not
    /// capture (the router names its groups), so <c>(\d+)x</c> is fine. Matched in linear time unless it needs
    /// backtracking (lookarounds, backreferences), in which case a match gives up after 100 ms.</summary>
    public abstract string Pattern { get; }

    /// <summary>The CLR type of the values <see cref="TryConvert"/> produces.</summary>
    public virtual Type ValueType => typeof(string);

    /// <summary>Checks the text of a variable and converts it. Returning false means "this rule does not
    /// match": the router then tries the next candidate rule, as Werkzeug before 2.2 did on a ValidationError
    /// (Werkzeug 2.2 and later answer 404 instead).</summary>
    public abstract bool TryConvert(string text, out object? value);

    /// <summary>Turns a value back into URL text (before percent-encoding) for <c>UrlFor</c>.</summary>
    public virtual string ToUrl(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    // '/' (or an escaped one) outside [^...].
    private static bool NamesSlash(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '/') return true;
                i++;
            }
            else if (c == '/') return true;
            else if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == '^')
            {
                for (i += 2; i < pattern.Length && pattern[i] != ']'; i++)
                    if (pattern[i] == '\\') i++;
            }
        }
        return false;
    }
}
