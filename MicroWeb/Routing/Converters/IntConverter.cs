using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;int(fixed_digits=0, min=None, max=None, signed=False):n&gt;</c>: ASCII digits, as Werkzeug's IntegerConverter.</summary>
public sealed class IntConverter : RouteConverter
{
    private readonly int _fixedDigits;
    private readonly long? _min;
    private readonly long? _max;
    private readonly bool _signed;

    /// <summary>Reads <c>fixed_digits</c>, <c>min</c>, <c>max</c> and <c>signed</c>.</summary>
    public IntConverter(ConverterArguments args)
    {
        _fixedDigits = (int)(args.GetInt64("fixed_digits", 0) ?? 0);
        _min = args.GetInt64("min", 1);
        _max = args.GetInt64("max", 2);
        _signed = args.GetBoolean("signed", false, 3);
        args.ThrowIfUnused("int", 4);
        Pattern = _signed ? @"-?\d+" : @"\d+";
    }

    /// <summary>Exact number of digits required (zero-padded), or 0 for any.</summary>
    public int FixedDigits => _fixedDigits;

    /// <summary>Smallest accepted value, or null.</summary>
    public long? Min => _min;

    /// <summary>Largest accepted value, or null.</summary>
    public long? Max => _max;

    /// <summary>True when negative values are accepted.</summary>
    public bool Signed => _signed;

    /// <inheritdoc />
    public override int Weight => 50;

    /// <inheritdoc />
    public override string Pattern { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(long);

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = null;
        var digits = text.AsSpan(_signed && text.StartsWith('-') ? 1 : 0);
        if (digits.IsEmpty || !digits.ContainsOnlyAsciiDigits()) return false;
        if (_fixedDigits > 0 && digits.Length != _fixedDigits) return false;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
        if (n < _min || n > _max) return false;
        value = n;
        return true;
    }

    /// <inheritdoc />
    public override string ToUrl(object? value)
    {
        var n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        var text = Math.Abs(n).ToString(CultureInfo.InvariantCulture).PadLeft(_fixedDigits, '0');
        return n < 0 ? "-" + text : text;
    }
}

internal static class SpanDigits
{
    public static bool ContainsOnlyAsciiDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
