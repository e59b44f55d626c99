namespace MicroWeb.Configuration;

/// <summary>
/// One row of the settings table (<see cref="AppConfig"/>'s <c>Table</c>): the property it sets, the name its flag and
/// variable are made from, the values it allows and how to read, parse and write it. Every source (code, variables,
/// flags, <c>IConfiguration</c>, <c>--help</c>, the docs' table) goes through these rows, so none can be forgotten.
/// </summary>
internal sealed class Setting
{
    private readonly Func<AppConfig, string> _show;
    private readonly string? _defaultText;
    private readonly Func<AppConfig, string, bool> _apply;

    private Setting(string property, string name, string allowed, bool isSwitch, bool isSecret, string? defaultText,
        Func<AppConfig, string> show, Func<AppConfig, string, bool> apply)
    {
        _defaultText = defaultText;
        Property = property;
        Name = name;
        Allowed = allowed;
        IsSwitch = isSwitch;
        IsSecret = isSecret;
        _show = show;
        _apply = apply;
    }

    /// <summary>A row for the property <paramref name="property"/> (<c>Port</c>, <c>Session.CookieName</c>).</summary>
    public static Setting Of<T>(string property, string name, SettingValue<T> value, Func<AppConfig, T> get, Action<AppConfig, T> set,
        bool isSecret = false, string? defaultText = null) =>
        new(property, name, value.Allowed, typeof(T) == typeof(bool), isSecret, defaultText, config => value.Show(get(config)),
            (config, text) =>
            {
                if (!value.TryParse(text, out var parsed)) return false;
                set(config, parsed);
                return true;
            });

    /// <summary>The property's path on <see cref="AppConfig"/>: <c>MaxUrlLength</c>, <c>Session.CookieName</c>.</summary>
    public string Property { get; }

    /// <summary>The name in flags and variables: <c>max-url-length</c>.</summary>
    public string Name { get; }

    /// <summary>The command-line flag: <c>--max-url-length</c>.</summary>
    public string Flag => "--" + Name;

    /// <summary>The environment variable: <c>MICROWEB_MAX_URL_LENGTH</c>.</summary>
    public string Variable => "MICROWEB_" + Name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The key in the <c>MicroWeb</c> section of <c>IConfiguration</c>: <c>MaxUrlLength</c>, <c>Session:CookieName</c>.</summary>
    public string ConfigurationKey => Property.Replace('.', ':');

    /// <summary>The values allowed, as a phrase.</summary>
    public string Allowed { get; }

    /// <summary>A true/false setting: its flag alone (<c>--debug</c>) means true.</summary>
    public bool IsSwitch { get; }

    /// <summary>Never shown (the secret key).</summary>
    public bool IsSecret { get; }

    /// <summary>The default, for <c>--help</c> and the docs: the value of a new <see cref="AppConfig"/>, or a description
    /// where it depends on the machine (the content root).</summary>
    public string Default => _defaultText ?? Show(new AppConfig());

    /// <summary>The setting's value in <paramref name="config"/>, as text (secrets are never shown).</summary>
    public string Show(AppConfig config) => IsSecret ? "none" : _show(config);

    /// <summary>Parses and sets the value; a value that is not allowed throws one line naming <paramref name="source"/>
    /// (the flag, variable or key it came from) and the values allowed.</summary>
    public void Apply(AppConfig config, string value, string source)
    {
        if (!_apply(config, value))
            throw new ArgumentException($"{source}: '{(IsSecret ? "..." : value)}' is not allowed; {Name} must be {Allowed}.");
    }

    /// <summary>Whether <paramref name="name"/> names this setting in any spelling: <c>max-url-length</c>,
    /// <c>MaxUrlLength</c>, <c>MAX_URL_LENGTH</c>, <c>Session:CookieName</c>, <c>session-cookie-name</c>.</summary>
    public bool IsNamed(string name)
    {
        var key = Normalize(name);
        return key == Normalize(Name) || key == Normalize(Property);
    }

    private static string Normalize(string name) =>
        name.Replace("-", "").Replace("_", "").Replace(".", "").Replace(":", "").ToLowerInvariant();
}
