using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MicroWeb.Http;

namespace MicroWeb.Sessions;

/// <summary>
/// How session values are written: the serializer's defaults, by reflection when the app allows it. A trimmed or
/// Native AOT app has the common value types below without reflection; another type throws the serializer's
/// <see cref="NotSupportedException"/> naming it.
/// </summary>
internal static class SessionJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine([SessionJsonContext.Default, .. JsonMetadata.Reflection() is { } reflection ? [reflection] : Array.Empty<IJsonTypeInfoResolver>()]),
    };
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(List<string[]>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
