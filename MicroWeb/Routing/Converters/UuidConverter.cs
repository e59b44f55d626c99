namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;uuid:u&gt;</c>: a UUID in its 8-4-4-4-12 hexadecimal form, as a <see cref="Guid"/>.</summary>
public sealed class UuidConverter : RouteConverter
{
    /// <summary>Takes no arguments.</summary>
    public UuidConverter(ConverterArguments args) => args.ThrowIfUnused("uuid");

    /// <inheritdoc />
    public override int Weight => 60;

    /// <inheritdoc />
    public override string Pattern =>
        "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";

    /// <inheritdoc />
    public override Type ValueType => typeof(Guid);

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        // "D" is exactly the 36-character hyphenated form; braces or bare hex do not match, as in Werkzeug.
        if (text.Length == 36 && Guid.TryParseExact(text, "D", out var guid))
        {
            value = guid;
            return true;
        }
        value = null;
        return false;
    }

    /// <inheritdoc />
    public override string ToUrl(object? value) => value switch
    {
        Guid g => g.ToString("D"),
        _ => base.ToUrl(value).ToLowerInvariant(),
    };
}
