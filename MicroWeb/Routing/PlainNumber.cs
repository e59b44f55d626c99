using System.Globalization;

namespace MicroWeb.Routing;

/// <summary>
/// Floating-point numbers as URL text: the shortest digits that read back as the same number, never in scientific
/// notation (<c>0.00001</c>, not <c>1E-05</c>), and with a decimal point always (<c>1.0</c>), as Python's float.
/// </summary>
internal static class PlainNumber
{
    public static string Format(double value) =>
        double.IsFinite(value) ? Plain(value.ToString("R", CultureInfo.InvariantCulture)) : value.ToString(CultureInfo.InvariantCulture);

    public static string Format(float value) =>
        float.IsFinite(value) ? Plain(value.ToString("R", CultureInfo.InvariantCulture)) : value.ToString(CultureInfo.InvariantCulture);

    private static string Plain(string text)
    {
        var e = text.IndexOf('E');
        if (e >= 0) text = Expand(text[..e], int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return text.Contains('.') ? text : text + ".0";
    }

    // "-1.2345" and 20 become "-123450000000000000000"; "1" and -5 become "0.00001".
    private static string Expand(string mantissa, int exponent)
    {
        var sign = mantissa.StartsWith('-') ? "-" : "";
        var body = mantissa.TrimStart('-');
        var dot = body.IndexOf('.');
        var digits = dot < 0 ? body : body.Remove(dot, 1);
        var point = (dot < 0 ? body.Length : dot) + exponent;
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length);
        return sign + digits[..point] + "." + digits[point..];
    }
}
