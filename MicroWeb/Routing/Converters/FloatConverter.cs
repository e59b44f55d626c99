using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;float(min=None, max=None, signed=False):x&gt;</c>: digits with a decimal point (<c>10.5</c>, not <c>10</c>), as Werkzeug.</summary>
public sealed class FloatConverter : NumberConverter<double>
{
    /// <summary>Reads <c>min</c>, <c>max</c> and <c>signed</c>.</summary>
    public FloatConverter(ConverterArguments args)
        : base(args.GetDouble("min", 0), args.GetDouble("max", 1), args.GetBoolean("signed", false, 2), @"\d+\.\d+")
    {
        args.ThrowIfUnused("float", 3);
    }

    /// <inheritdoc />
    protected override bool IsWellFormed(ReadOnlySpan<char> digits)
    {
        var dot = digits.IndexOf('.');
        return dot > 0 && AreDigits(digits[..dot]) && AreDigits(digits[(dot + 1)..]);
    }

    /// <inheritdoc />
    public override string ToUrl(object? value) => value switch
    {
        // Never scientific notation (Werkzeug 3.2 neither): 0.00001 is /0.00001, and 3.0 keeps its ".0".
        float f => PlainNumber.Format(f),
        _ => PlainNumber.Format(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };
}
