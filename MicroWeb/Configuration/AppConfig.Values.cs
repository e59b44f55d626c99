using System.Diagnostics.CodeAnalysis;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace MicroWeb;

public sealed partial class AppConfig
{
    private readonly Dictionary<string, object?> _values = new(Routing.Names.Comparer);

    /// <summary>
    /// Testing mode (Flask's <c>TESTING</c>): an unhandled exception in a request made with the test client reaches
    /// the test with its own stack trace instead of becoming a 500 page (see <see cref="PropagateExceptions"/>).
    /// </summary>
    public bool Testing { get; set; }

    /// <summary>
    /// Whether the test client rethrows unhandled exceptions (Flask's <c>PROPAGATE_EXCEPTIONS</c>); follows
    /// <see cref="Testing"/> when null. Requests from a real socket always get a response.
    /// </summary>
    public bool? PropagateExceptions { get; set; }

    /// <summary>
    /// The app's own settings by name, as Flask's <c>app.config["DATABASE"]</c>. A name of a typed
    /// setting reads and writes it (<c>SECRET_KEY</c> is <see cref="SecretKey"/>, <c>DEBUG</c> is <see cref="Debug"/>).
    /// Names ignore case and underscores (MicroWeb's one rule for names). A missing name reads as null. Templates see them as <c>config.DATABASE</c> or <c>config["DATABASE"]</c>.
    /// </summary>
    public object? this[string name]
    {
        get => Typed(name) is { } property ? property.GetValue(this) : _values.GetValueOrDefault(name);
        set
        {
            if (Typed(name) is { } property) property.SetValue(this, ConvertTo(value, property.PropertyType, name));
            else _values[name] = value;
        }
    }

    // For templates: whether the name is a typed setting or was set, and its value.
    internal bool TryGet(string name, out object? value)
    {
        if (Typed(name) is { } property)
        {
            value = property.GetValue(this);
            return true;
        }
        return _values.TryGetValue(name, out value);
    }

    /// <summary>A setting converted to <typeparamref name="T"/> (text from a file or the environment is parsed), or
    /// <paramref name="fallback"/> when it is not set.</summary>
    public T? Get<T>(string name, T? fallback = default) =>
        this[name] is { } value ? (T?)ConvertTo(value, typeof(T), name) : fallback;

    /// <summary>The names of the app's own settings (not the typed ones).</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Where the app keeps files that are not code and not deployed with it (its database, a
    /// <c>config.json</c> with secrets), as Flask's instance folder: <c>instance</c> under the content root by default.</summary>
    public string InstancePath
    {
        get => _instancePath ?? Resolve("instance");
        set => _instancePath = value;
    }

    private string? _instancePath;

    /// <summary>
    /// Sets several settings at once (Flask's <c>config.from_mapping</c> and <c>config.update</c>):
    /// <c>app.Config.Update(new { SECRET_KEY = "dev", DATABASE = path })</c>, or a dictionary.
    /// </summary>
    public AppConfig Update<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T values) => SetAll(Routing.PropertyValues.From(values));

    /// <summary>Sets several settings at once from values typed as <see cref="object"/> (their runtime type's properties,
    /// or a dictionary); see <see cref="Update{T}(T)"/>.</summary>
    [RequiresUnreferencedCode(Routing.PropertyValues.Warning)]
    public AppConfig Update(object values) => SetAll(Routing.PropertyValues.FromObject(values));

    private AppConfig SetAll(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (name, value) in values) this[name] = value;
        return this;
    }

    /// <summary>
    /// Reads settings from a JSON object file (Flask's <c>config.from_file</c>), relative to <see cref="InstancePath"/>:
    /// <c>app.Config.FromJsonFile("config.json", optional: true)</c>. Numbers, booleans and text become .NET values.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist and is not optional.</exception>
    /// <exception cref="InvalidOperationException">The file is not a JSON object.</exception>
    public AppConfig FromJsonFile(string path, bool optional = false)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(InstancePath, path);
        if (!File.Exists(full))
            return optional ? this : throw new FileNotFoundException($"The settings file {full} does not exist.", full);
        using var document = JsonDocument.Parse(File.ReadAllText(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"The settings file {full} must hold a JSON object.");
        foreach (var setting in document.RootElement.EnumerateObject()) this[setting.Name] = FromJson(setting.Value);
        return this;
    }

    /// <summary>
    /// Reads every environment variable that starts with <paramref name="prefix"/> (Flask's <c>from_prefixed_env</c>):
    /// with <c>"FLASKR_"</c>, <c>FLASKR_DATABASE</c> sets <c>DATABASE</c> and <c>FLASKR_SECRET_KEY</c> sets
    /// <see cref="SecretKey"/>. Values stay text until read with <see cref="Get{T}"/>.
    /// </summary>
    public AppConfig FromEnvironment(string prefix, IDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var variables = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && value is not null)
                this[name[prefix.Length..]] = value;
        return this;
    }

    // SECRET_KEY, secret_key and SecretKey all name the same typed setting (a dash is an underscore: --secret-key).
    private static PropertyInfo? Typed(string name) => TypedSettings.ByName.GetValueOrDefault(name.Replace("-", "_"));

    // Its own class, so that the properties are read when a setting is first named, not when AppConfig is first used.
    private static class TypedSettings
    {
        public static readonly FrozenDictionary<string, PropertyInfo> ByName =
            typeof(AppConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
                .ToFrozenDictionary(p => p.Name, Routing.Names.Comparer);
    }

    private static object? ConvertTo(object? value, Type type, string name)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || target.IsInstanceOfType(value)) return value;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        try
        {
            if (target == typeof(bool)) return text.ToLowerInvariant() is "1" or "true" or "yes" or "on";
            if (target == typeof(TimeSpan))
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
            if (target.IsEnum) return Enum.Parse(target, text, ignoreCase: true);
            return Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or ArgumentException)
        {
            throw new ArgumentException($"Setting {name}: '{text}' is not a valid {target.Name}.", nameof(value), e);
        }
    }

    private static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n : value.GetDouble(),
        _ => System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText()),
    };
}
