using System.Globalization;

namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;float(min=None, max=None, signed=False):x&gt;</c>: digits with a decimal point (<c>10.5</c>, not <c>10</c>), as Werkzeug.</summary>
public sealed class FloatConverter : RouteConverter
{
    private readonly double? _min;
    private readonly double? _max;
    private readonly bool _signed;

    /// <summary>Reads <c>min</c>, <c>max</c> and <c>signed</c>.</summary>
    public FloatConverter(ConverterArguments args)
    {
        _min = args.GetDouble("min", 0);
        _max = args.GetDouble("max", 1);
        _signed = args.GetBoolean("signed", false, 2);
        args.ThrowIfUnused("float", 3);
        Pattern = _signed ? @"-?\d+\.\d+" : @"\d+\.\d+";
    }

    /// <summary>Smallest accepted value, or null.</summary>
    public double? Min => _min;

    /// <summary>Largest accepted value, or null.</summary>
    public double? Max => _max;

    /// <summary>True when negative values are accepted.</summary>
    public bool Signed => _signed;

    /// <inheritdoc />
    public override int Weight => 50;

    /// <inheritdoc />
    public override string Pattern { get; }

    /// <inheritdoc />
    public override Type ValueType => typeof(double);

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = null;
        var body = text.AsSpan(_signed && text.StartsWith('-') ? 1 : 0);
        var dot = body.IndexOf('.');
        if (dot <= 0 || dot == body.Length - 1) return false;
        if (!body[..dot].ContainsOnlyAsciiDigits() || !body[(dot + 1)..].ContainsOnlyAsciiDigits()) return false;
        var n = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (n < _min || n > _max) return false;
        value = n;
        return true;
    }

    /// <inheritdoc />
    public override string ToUrl(object? value) => value switch
    {
        // Never scientific notation (Werkzeug 3.2 neither): 0.00001 is /0.00001, and 3.0 keeps its ".0".
        float f => PlainNumber.Format(f),
        _ => PlainNumber.Format(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };
}
