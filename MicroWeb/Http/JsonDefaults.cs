using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace MicroWeb.Http;

/// <summary>
/// The JSON settings MicroWeb starts with: properties in camelCase (<c>Nombre</c> → <c>nombre</c>; names already
/// in lower case, as the lecture's Spanish keys, come out as written), dictionary keys exactly as given,
/// non-ASCII letters unescaped, enums as strings, nesting limited to 64 levels, duplicate keys in a body refused (400).
/// </summary>
public static class JsonDefaults
{
    /// <summary>Creates a fresh copy of the defaults (each app has its own, editable until it starts).</summary>
    public static JsonSerializerOptions Create() => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        MaxDepth = 64,
        AllowDuplicateProperties = false,
        // Reflection where the app allows it; a trimmed or AOT app adds its source-generated context in front
        // (TypeInfoResolverChain.Insert(0, AppJson.Default)), whose options choose how enums are written.
        TypeInfoResolver = JsonMetadata.Reflection() is { } reflection
            ? JsonTypeInfoResolver.Combine(reflection, MicroWebJsonContext.Default)
            : MicroWebJsonContext.Default,
        Converters = { StringEnums() },
    };

    /// <summary>The options of the app handling the current request, or read-only defaults outside a request: the one
    /// source MicroWeb serializes with when no options are given.</summary>
    internal static JsonSerializerOptions Current => RequestContext.Current?.App.JsonOptions ?? ReadOnly;

    private static readonly JsonSerializerOptions ReadOnly = MakeReadOnly(Create());

    private static JsonSerializerOptions MakeReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    private static JsonConverter StringEnums() =>
        System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? new JsonStringEnumConverter() : new JsonStringEnumConverter<NoEnum>();

    private enum NoEnum;
}
