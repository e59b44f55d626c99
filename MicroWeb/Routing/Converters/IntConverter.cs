using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;int(fixed_digits=0, min=None, max=None, signed=False):n&gt;</c>: ASCII digits, as Werkzeug's IntegerConverter.</summary>
public sealed class IntConverter : NumberConverter<long>
{
    /// <summary>Reads <c>fixed_digits</c>, <c>min</c>, <c>max</c> and <c>signed</c>.</summary>
    public IntConverter(ConverterArguments args)
        : base(args.GetInt64("min", 1), args.GetInt64("max", 2), args.GetBoolean("signed", false, 3), @"\d+")
    {
        FixedDigits = (int)(args.GetInt64("fixed_digits", 0) ?? 0);
        args.ThrowIfUnused("int", 4);
    }

    /// <summary>Exact number of digits required (zero-padded), or 0 for any.</summary>
    public int FixedDigits { get; }

    /// <inheritdoc />
    protected override bool IsWellFormed(ReadOnlySpan<char> digits) =>
        AreDigits(digits) && (FixedDigits == 0 || digits.Length == FixedDigits);

    /// <inheritdoc />
    public override string ToUrl(object? value)
    {
        var n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        var text = Math.Abs(n).ToString(CultureInfo.InvariantCulture).PadLeft(FixedDigits, '0');
        return n < 0 ? "-" + text : text;
    }
}
