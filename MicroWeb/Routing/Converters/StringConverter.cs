namespace MicroWeb.Routing.Converters;

/// <summary><c>&lt;name&gt;</c> or <c>&lt;string(minlength=1, maxlength=None, length=None):name&gt;</c>: any text without a slash.</summary>
public sealed class StringConverter : RouteConverter
{
    private readonly int _min;
    private readonly int? _max;

    /// <summary>Reads <c>minlength</c>, <c>maxlength</c> and <c>length</c>.</summary>
    public StringConverter(ConverterArguments args)
    {
        var length = args.GetInt64("length");
        _min = (int)(length ?? args.GetInt64("minlength", 0) ?? 1);
        _max = (int?)(length ?? args.GetInt64("maxlength", 1));
        args.ThrowIfUnused("string", 2);
        if (_min < 0 || _max < _min) throw new ArgumentException("string lengths must satisfy 0 <= minlength <= maxlength");
        Pattern = _max is null ? $"[^/]{{{_min},}}" : $"[^/]{{{_min},{_max}}}";
    }

    /// <summary>Fewest characters accepted.</summary>
    public int MinLength => _min;

    /// <summary>Most characters accepted, or null for no limit.</summary>
    public int? MaxLength => _max;

    /// <inheritdoc />
    public override string Pattern { get; }

    /// <inheritdoc />
    public override bool MatchesSlashes => false; // its pattern names '/' only to exclude it

    /// <inheritdoc />
    public override bool TryConvert(string text, out object? value)
    {
        value = text;
        return text.Length >= _min && (_max is null || text.Length <= _max) && !text.Contains('/');
    }
}
