using System.Globalization;
using System.Numerics;

namespace MicroWeb.Routing.Converters;

/// <summary>
/// What <see cref="IntConverter"/> and <see cref="FloatConverter"/> share, as Werkzeug's <c>NumberConverter</c>: a
/// weight of 50, ASCII digits only (no spaces, no '+', no exponent), a leading '-' only when <see cref="Signed"/>,
/// and <see cref="Min"/> and <see cref="Max"/> bounds checked after parsing. Subclasses say which digits form a number.
/// </summary>
/// <typeparam name="T">The value type produced (<see cref="long"/>, <see cref="double"/>).</typeparam>
public abstract class NumberConverter<T> : RouteConverter where T : struct, INumber<T>
{
    /// <summary>Sets the bounds; <paramref name="unsignedPattern"/> is the pattern of a number without its sign.</summary>
    protected NumberConverter(T? min, T? max, bool signed, string unsignedPattern)
    {
        Min = min;
        Max = max;
        Signed = signed;
        Pattern = signed ? "-?" + unsignedPattern : unsignedPattern;
    }

    /// <summary>Smallest accepted value, or null.</summary>
    public T? Min { get; }

    /// <summary>Largest accepted value, or null.</summary>
    public T? Max { get; }

    /// <summary>True when negative values are accepted.</summary>
    public bool Signed { get; }

    /// <inheritdoc />
    public override int Weight => 50;

    /// <inheritdoc />
    public override string Pattern { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <summary>True when <paramref name="digits"/> (the text without its sign) has the form of this converter's numbers.</summary>
    protected abstract bool IsWellFormed(ReadOnlySpan<char> digits);

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = null;
        if (!IsWellFormed(text.AsSpan(Signed && text.StartsWith('-') ? 1 : 0))) return false;
        if (!T.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return false;
        if ((Min is { } min && n < min) || (Max is { } max && n > max)) return false;
        value = n;
        return true;
    }

    /// <summary>True when every character is an ASCII digit and there is at least one.</summary>
    protected static bool AreDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
