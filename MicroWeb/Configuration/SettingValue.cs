using System.Globalization;

namespace MicroWeb.Configuration;

/// <summary>How a setting's text (from a variable, a flag or a configuration key) is parsed, shown and described.</summary>
/// <param name="Allowed">The values allowed, as an error message and <c>--help</c> say them ("a whole number from 0 to 65535").</param>
/// <param name="TryParse">Parses the text; false when it is not allowed.</param>
/// <param name="Show">The value as text, for <c>--help</c> and the docs.</param>
internal sealed record SettingValue<T>(string Allowed, SettingValue<T>.Parser TryParse, Func<T, string> Show)
{
    public delegate bool Parser(string text, out T value);
}

/// <summary>The kinds of value settings have.</summary>
internal static class SettingValue
{
    private static readonly string[] True = ["1", "true", "yes", "on"];
    private static readonly string[] False = ["0", "false", "no", "off"];

    public static readonly SettingValue<bool> Bool = new("true or false (also 1/0, yes/no, on/off)",
        (string text, out bool value) =>
        {
            value = True.Contains(text, StringComparer.OrdinalIgnoreCase);
            return value || False.Contains(text, StringComparer.OrdinalIgnoreCase);
        },
        value => value ? "true" : "false");

    public static readonly SettingValue<string> Text = new("any text", (string text, out string value) => { value = text; return true; }, value => value);

    // A setting that may be unset (null): shown as "none".
    public static readonly SettingValue<string?> OptionalText = new("any text", (string text, out string? value) => { value = text; return true; }, value => value ?? "none");

    public static readonly SettingValue<string> FullPath = new("a folder path",
        (string text, out string value) =>
        {
            try { value = System.IO.Path.GetFullPath(text); return true; }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { value = ""; return false; }
        },
        value => value);

    public static readonly SettingValue<IList<string>> List = new("a comma-separated list",
        (string text, out IList<string> value) =>
        {
            value = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            return true;
        },
        value => value.Count == 0 ? "none" : string.Join(",", value));

    public static SettingValue<int> Int(int min, int max = int.MaxValue) => new(Range("a whole number", Show(min), max == int.MaxValue ? null : Show(max)),
        (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max,
        value => value.ToString(CultureInfo.InvariantCulture));

    public static SettingValue<long> Long(long min) => new(Range("a whole number", Show(min), null),
        (string text, out long value) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min,
        value => value.ToString(CultureInfo.InvariantCulture));

    public static SettingValue<double> Number(double min) => new(Range("a number", Show(min), null),
        (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min,
        value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A duration written as seconds (<c>7.5</c>); <paramref name="positive"/> refuses 0.</summary>
    public static SettingValue<TimeSpan> Seconds(bool positive = false) => new(positive ? "a number of seconds, more than 0" : "a number of seconds, 0 or more",
        (string text, out TimeSpan value) =>
        {
            value = default;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds)
                || seconds < 0 || (positive && seconds == 0) || seconds > TimeSpan.MaxValue.TotalSeconds) return false;
            value = TimeSpan.FromSeconds(seconds);
            return true;
        },
        value => value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");

    public static SettingValue<T> Enum<T>() where T : struct, Enum => new("one of " + string.Join(", ", System.Enum.GetNames<T>()),
        (string text, out T value) =>
        {
            value = default;
            return text.Length > 0 && text.All(char.IsAsciiLetter) && System.Enum.TryParse(text, ignoreCase: true, out value); // names only, not 3
        },
        value => value.ToString());

    // No upper bound when max is null.
    private static string Range(string what, string min, string? max) =>
        max is null ? $"{what}, {min} or more" : $"{what} from {min} to {max}";

    private static string Show(IFormattable number) => number.ToString(null, CultureInfo.InvariantCulture);
}
