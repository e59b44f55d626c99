using MicroWeb.Http;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using MicroWeb.Validation;

namespace MicroWeb.OpenApi;

/// <summary>
/// JSON Schemas (2020-12, the dialect of OpenAPI 3.1) for C# types, as the app's JSON settings serialize them:
/// System.Text.Json's schema exporter does names, enums and nullability; this class adds what the body
/// validation enforces (required members, data annotations), descriptions from XML docs, and moves every
/// named object type to <c>components/schemas</c> so each appears once and is referenced by <c>$ref</c>.
/// </summary>
internal sealed partial class SchemaGenerator
{
    private const string RefPrefix = "#/components/schemas/";
    private readonly JsonSerializerOptions options;
    private readonly Dictionary<Type, string> _names = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Queue<Type> _pending = new();
    private readonly SortedDictionary<string, JsonNode> _components = new(StringComparer.Ordinal);

    public SchemaGenerator(JsonSerializerOptions json)
    {
        // The web defaults also read numbers written as strings ("5"); the documents show the canonical form,
        // numbers as numbers, rather than ["string", "integer"] with a pattern on every number.
        // The package's own types (the 400 body of validation) are described through its own context: a trimmed or
        // Native AOT app's context knows only the app's types.
        options = new JsonSerializerOptions(json)
        {
            NumberHandling = json.NumberHandling & ~JsonNumberHandling.AllowReadingFromString,
            TypeInfoResolver = json.TypeInfoResolver is { } resolver
                ? JsonTypeInfoResolver.Combine(resolver, ValidationJsonContext.Default)
                : ValidationJsonContext.Default,
        };
    }

    /// <summary>The schema of a value of <paramref name="type"/>: a <c>$ref</c> for named object types.</summary>
    public JsonNode SchemaFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        // Raw JSON: any value, or any object or array.
        if (type == typeof(JsonObject)) return new JsonObject { ["type"] = "object" };
        if (type == typeof(JsonArray)) return new JsonObject { ["type"] = "array" };
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(JsonDocument)) return new JsonObject();
        return IsComponent(type) ? Ref(type) : Export(type, root: null);
    }

    /// <summary>Every referenced schema, by name; call after the last <see cref="SchemaFor"/>.</summary>
    public JsonObject Components()
    {
        while (_pending.TryDequeue(out var type)) _components[_names[type]] = Export(type, root: type);
        var result = new JsonObject();
        foreach (var (name, schema) in _components) result[name] = schema;
        return result;
    }

    private JsonNode Export(Type type, Type? root)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, root),
        };
        JsonNode schema;
        try
        {
            schema = JsonSchemaExporter.GetJsonSchemaAsNode(options, type, exporter);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            // A type System.Text.Json cannot describe still gets a valid document: "any value".
            return new JsonObject();
        }
        ResolveLocalRefs(schema, schema, root);
        return schema;
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, Type? root)
    {
        var type = context.TypeInfo.Type;
        var member = context.PropertyInfo is { } property ? RulesOf(context, property) : null;
        if (member is not null) node = Annotate(node, member);

        if (context.Path.Length > 0 && IsComponent(type))
        {
            // A nested named type: point at its component (keeping "or null" and the member's description).
            var reference = Ref(type);
            var nullable = node is JsonObject o && AllowsNull(o);
            JsonObject replaced = nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
            if (node is JsonObject old && old["description"] is { } description) replaced["description"] = description.DeepClone();
            return replaced;
        }

        if (context.Path.Length == 0 && root is not null && type == root && node is JsonObject schema)
        {
            var rules = TypeRules.For(type, options);
            var required = rules.Members.Where(m => m.Required).Select(m => (JsonNode?)m.JsonName).ToArray();
            schema.Remove("required");
            if (required.Length > 0) schema["required"] = new JsonArray(required);
            if (Describe(type) is { } description) schema["description"] = description;
        }
        return node;
    }

    private MemberRules? RulesOf(JsonSchemaExporterContext context, JsonPropertyInfo property)
    {
        var owner = property.DeclaringType;
        return TypeRules.For(owner, options).Members.FirstOrDefault(m => m.JsonName == property.Name);
    }

    // What the validator enforces on a member, said in JSON Schema words.
    private JsonNode Annotate(JsonNode node, MemberRules member)
    {
        if (node is not JsonObject schema) return node;
        if (member.NonNullable) RemoveNull(schema);
        var isArray = HasType(schema, "array");
        var isString = HasType(schema, "string");
        foreach (var attribute in member.Attributes)
        {
            switch (attribute)
            {
                case RequiredAttribute { AllowEmptyStrings: false } when isString:
                    schema["minLength"] = Math.Max(1, (int?)schema["minLength"] ?? 0);
                    break;
                case RangeAttribute range:
                    if (Number(range.Minimum) is { } min) schema[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = min;
                    if (Number(range.Maximum) is { } max) schema[range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = max;
                    break;
                case StringLengthAttribute length:
                    schema["maxLength"] = length.MaximumLength;
                    if (length.MinimumLength > 0) schema["minLength"] = length.MinimumLength;
                    break;
                case MinLengthAttribute minLength:
                    schema[isArray ? "minItems" : "minLength"] = minLength.Length;
                    break;
                case MaxLengthAttribute { Length: > 0 } maxLength:
                    schema[isArray ? "maxItems" : "maxLength"] = maxLength.Length;
                    break;
                case LengthAttribute length:
                    schema[isArray ? "minItems" : "minLength"] = length.MinimumLength;
                    schema[isArray ? "maxItems" : "maxLength"] = length.MaximumLength;
                    break;
                case RegularExpressionAttribute regex:
                    schema["pattern"] = $"^(?:{regex.Pattern})$";
                    break;
                case EmailAddressAttribute:
                    schema["format"] = "email";
                    break;
                case UrlAttribute:
                    schema["format"] = "uri";
                    break;
                case Base64StringAttribute:
                    schema["contentEncoding"] = "base64";
                    break;
                case AllowedValuesAttribute allowed:
                    schema["enum"] = new JsonArray(allowed.Values.Select(v => JsonContracts.SerializeToNode(v, options)).ToArray());
                    break;
            }
        }
        if (member.Member is { } info && DescribeMember(info) is { } description) schema["description"] = description;
        return schema;
    }

    private static string? Describe(Type type) =>
        type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? XmlDocs.Text(XmlDocs.For(type), "summary");

    private static string? DescribeMember(MemberInfo member) =>
        member.GetCustomAttribute<DescriptionAttribute>()?.Description ?? XmlDocs.MemberSummary(member);

    private static double? Number(object? value) => value switch
    {
        null => null,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
        IConvertible c when value is not bool => Convert.ToDouble(c, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) ? d : null,
        _ => null,
    };

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s == type,
        JsonArray a => a.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == type),
        _ => false,
    };

    private static bool AllowsNull(JsonObject schema) => HasType(schema, "null");

    private static void RemoveNull(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var kept = types.Where(t => !(t is JsonValue v && v.TryGetValue<string>(out var s) && s == "null")).Select(t => t!.DeepClone()).ToArray();
            schema["type"] = kept.Length == 1 ? kept[0] : new JsonArray(kept);
        }
        if (schema["enum"] is JsonArray values && values.Any(v => v is null))
            schema["enum"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());
    }

    // ---- components ----

    private bool IsComponent(Type type)
    {
        if (type == typeof(object) || type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.Contains('<')) return false;
        if (typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(JsonDocument)) return false;
        return TypeRules.Contract(options, type).Kind == JsonTypeInfoKind.Object;
    }

    private JsonObject Ref(Type type)
    {
        if (!_names.TryGetValue(type, out var name))
        {
            var wanted = SafeName().Replace(FriendlyName(type), "");
            if (wanted.Length == 0) wanted = "Schema";
            name = wanted;
            for (var i = 2; !_taken.Add(name); i++) name = wanted + i.ToString(CultureInfo.InvariantCulture);
            _names[type] = name;
            _pending.Enqueue(type);
        }
        return new JsonObject { ["$ref"] = RefPrefix + name };
    }

    private static string FriendlyName(Type type)
    {
        if (type.IsArray) return FriendlyName(type.GetElementType()!) + "Array";
        if (!type.IsGenericType) return type.Name;
        var tick = type.Name.IndexOf('`');
        var bare = tick >= 0 ? type.Name[..tick] : type.Name;
        return bare + "Of" + string.Join("And", type.GetGenericArguments().Select(FriendlyName));
    }

    // The exporter writes a recursive type as a JSON pointer into the schema it is building ("#", "#/properties/x");
    // inside components those pointers would point elsewhere, so they become references to the component.
    private void ResolveLocalRefs(JsonNode node, JsonNode schemaRoot, Type? root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var pointer) && pointer.StartsWith('#') && !pointer.StartsWith(RefPrefix, StringComparison.Ordinal))
                {
                    var target = pointer == "#" ? null : Navigate(schemaRoot, pointer);
                    var replacement = target is JsonObject t && t["$ref"] is JsonValue r && r.TryGetValue<string>(out var resolved) && resolved.StartsWith(RefPrefix, StringComparison.Ordinal)
                        ? resolved
                        : root is not null ? RefPrefix + _names[root] : null;
                    if (replacement is not null) obj["$ref"] = replacement;
                }
                foreach (var (_, child) in obj.ToArray())
                    if (child is not null) ResolveLocalRefs(child, schemaRoot, root);
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null) ResolveLocalRefs(child, schemaRoot, root);
                break;
        }
    }

    private static JsonNode? Navigate(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            current = current switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}
