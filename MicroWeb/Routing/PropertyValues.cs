using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace MicroWeb.Routing;

/// <summary>
/// Values given as an object (<c>new { page = 2 }</c>) or a dictionary, as name → value. An object's public properties
/// are read by reflection: through a generic type parameter trimming keeps them; through <see cref="object"/>
/// it cannot, so those entry points carry <see cref="RequiresUnreferencedCodeAttribute"/> with <see cref="Warning"/>.
/// </summary>
internal static class PropertyValues
{
    public const string Warning = "Reads the public properties of the values' runtime type by reflection, which trimming removes. " +
        "Pass the values with their own type (an anonymous object or a dictionary, not an object-typed variable), so the generic overload keeps them.";

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    /// <summary>The values of <typeparamref name="T"/>'s public properties (a dictionary as it is).</summary>
    public static IReadOnlyDictionary<string, object?> From<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T values) =>
        Known(values) ?? (typeof(T) == typeof(object)
            ? throw new ArgumentException("The values are typed as object: pass them with their own type (an anonymous object or a dictionary).", nameof(values))
            : Properties(typeof(T), values!));

    /// <summary>The values of the runtime type's public properties (a dictionary as it is).</summary>
    [RequiresUnreferencedCode(Warning)]
    public static IReadOnlyDictionary<string, object?> FromObject(object? values) => Known(values) ?? Properties(values!.GetType(), values);

    private static IReadOnlyDictionary<string, object?>? Known(object? values) => values switch
    {
        null => Empty,
        IReadOnlyDictionary<string, object?> d => d,
        IDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => kv.Value),
        IEnumerable<KeyValuePair<string, string>> d => d.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        _ => null,
    };

    private static Dictionary<string, object?> Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, object values) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(values));
}
