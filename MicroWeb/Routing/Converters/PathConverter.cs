namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;path:p&gt;</c>: like string but takes slashes too, so it eats the rest of the URL. Tried last.</summary>
public sealed class PathConverter : RouteConverter
{
    /// <summary>Takes no arguments.</summary>
    public PathConverter(ConverterArguments args) => args.ThrowIfUnused("path");

    /// <inheritdoc />
    public override int Weight => 200;

    /// <inheritdoc />
    public override bool MatchesSlashes => true;

    /// <inheritdoc />
    public override string Pattern => "[^/].*?";

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = text;
        return text.Length > 0 && text[0] != '/';
    }
}
