using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MicroWeb.Validation;

/// <summary>
/// Values are read and written through the contract the app's <see cref="JsonSerializerOptions.TypeInfoResolver"/>
/// gives, never through the reflection-only serializer overloads, as MicroWeb itself does: a source-generated context
/// in the options (trimmed and Native AOT apps) serves the same code.
/// </summary>
internal static class JsonContracts
{
    /// <summary>The contract of <paramref name="type"/>. Locks the options as the first serialization would.</summary>
    public static JsonTypeInfo Info(JsonSerializerOptions options, Type type)
    {
        if (!options.IsReadOnly) options.MakeReadOnly();
        return options.GetTypeInfo(type);
    }

    public static JsonNode? SerializeToNode(object? value, JsonSerializerOptions options) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, Info(options, value.GetType()));
}
