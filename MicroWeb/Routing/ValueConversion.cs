using System.Globalization;

namespace MicroWeb.Routing;

/// <summary>Converts route and query values to handler parameter types. Failure means "no match", never an exception.</summary>
internal static class ValueConversion
{
    public static bool IsSupported(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(object) || type.IsEnum || type == typeof(Guid) || type == typeof(bool)
            || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte)
            || type == typeof(double) || type == typeof(float) || type == typeof(decimal)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly);
    }

    public static bool TryConvert(object? value, Type target, out object? result)
    {
        result = value;
        if (value is null) return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null;
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type.IsInstanceOfType(value)) return true;
        var inv = CultureInfo.InvariantCulture;
        try
        {
            switch (value)
            {
                case string s:
                    return TryParse(s, type, out result);
                case long l when type == typeof(string):
                    result = l.ToString(inv);
                    return true;
                case double d when type == typeof(string):
                    result = d.ToString("R", inv);
                    return true;
                case Guid g when type == typeof(string):
                    result = g.ToString("D");
                    return true;
                case long or double when type.IsEnum:
                    return false;
                case long or double when type == typeof(decimal) || type == typeof(double) || type == typeof(float)
                                         || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(uint)
                                         || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte) || type == typeof(long):
                    if (value is double dd && type != typeof(decimal) && type != typeof(double) && type != typeof(float)) return false;
                    result = Convert.ChangeType(value, type, inv);
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException or FormatException)
        {
            result = null;
            return false;
        }
    }

    private static bool TryParse(string s, Type type, out object? result)
    {
        var inv = CultureInfo.InvariantCulture;
        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        const NumberStyles real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        bool ok;
        (ok, result) = type switch
        {
            _ when type == typeof(string) || type == typeof(object) => (true, s),
            _ when type == typeof(int) => (int.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(long) => (long.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(short) => (short.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(byte) => (byte.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(sbyte) => (sbyte.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(uint) => (uint.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(ulong) => (ulong.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(ushort) => (ushort.TryParse(s, integer, inv, out var v), v),
            _ when type == typeof(double) => (double.TryParse(s, real, inv, out var v) && double.IsFinite(v), v),
            _ when type == typeof(float) => (float.TryParse(s, real, inv, out var v) && float.IsFinite(v), v),
            _ when type == typeof(decimal) => (decimal.TryParse(s, real, inv, out var v), v),
            _ when type == typeof(bool) => ParseBool(s),
            _ when type == typeof(Guid) => (Guid.TryParse(s, out var v), v),
            _ when type == typeof(DateTime) => (DateTime.TryParse(s, inv, DateTimeStyles.RoundtripKind, out var v), v),
            _ when type == typeof(DateTimeOffset) => (DateTimeOffset.TryParse(s, inv, DateTimeStyles.None, out var v), v),
            _ when type == typeof(DateOnly) => (DateOnly.TryParse(s, inv, out var v), v),
            _ when type == typeof(TimeOnly) => (TimeOnly.TryParse(s, inv, out var v), v),
            // Enums by name only (ignoring case): "5" must not become an undefined enum value.
            _ when type.IsEnum => !char.IsAsciiDigit(s.FirstOrDefault()) && s.FirstOrDefault() != '-' && Enum.TryParse(type, s, true, out var e) && Enum.IsDefined(type, e!) ? (true, e) : (false, null),
            _ => (false, null),
        };
        return ok;
    }

    private static (bool, object?) ParseBool(string s) => s.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => (true, true),
        "false" or "0" or "no" or "off" => (true, false),
        _ => (false, null),
    };
}
