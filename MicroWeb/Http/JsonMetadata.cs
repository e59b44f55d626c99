using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MicroWeb.Http;

/// <summary>
/// Every JSON value MicroWeb reads or writes goes through the contract (<see cref="JsonTypeInfo"/>) that the app's
/// <see cref="JsonSerializerOptions.TypeInfoResolver"/> gives, never through the reflection-only serializer overloads:
/// with a source-generated context in the options (trimmed and Native AOT apps) the same code works, and a type the
/// context lacks fails with the serializer's message naming it.
/// </summary>
internal static class JsonMetadata
{
    /// <summary>The contract of <paramref name="type"/>. Locks the options as the first serialization would.</summary>
    public static JsonTypeInfo Info(JsonSerializerOptions options, Type type)
    {
        if (!options.IsReadOnly) options.MakeReadOnly();
        return options.GetTypeInfo(type);
    }

    /// <summary>The serializer's reflection resolver when the app allows reflection (<see cref="JsonSerializer.IsReflectionEnabledByDefault"/>,
    /// which trimmed and Native AOT publishes turn off), else none: then only source-generated contexts serve.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Created only when reflection-based serialization is enabled, which trimming turns off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Created only when reflection-based serialization is enabled, which Native AOT turns off.")]
    public static IJsonTypeInfoResolver? Reflection() => JsonSerializer.IsReflectionEnabledByDefault ? new DefaultJsonTypeInfoResolver() : null;

    public static byte[] SerializeToUtf8Bytes(object? value, JsonSerializerOptions options) =>
        value is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(value, Info(options, value.GetType()));

    public static string Serialize(object? value, JsonSerializerOptions options) =>
        value is null ? "null" : JsonSerializer.Serialize(value, Info(options, value.GetType()));

    public static JsonNode? SerializeToNode(object? value, JsonSerializerOptions options) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, Info(options, value.GetType()));
}
