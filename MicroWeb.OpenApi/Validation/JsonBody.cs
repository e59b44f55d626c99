using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MicroWeb.Http;

namespace MicroWeb.Validation;

/// <summary>
/// Reads a JSON body into a handler's parameter type and checks it against that type, as marshmallow does in
/// flask-smorest: required members present and not null, values of the right JSON type, data annotations
/// (<c>[Range]</c>, <c>[StringLength]</c>, <c>[EmailAddress]</c>...) and <see cref="IValidatableObject"/>.
/// Every problem is collected and reported at once in a <see cref="BodyValidationException"/> (400).
/// </summary>
internal static class JsonBody
{
    /// <summary>Checks and deserializes a parsed body (well-formed, no duplicate keys: MicroWeb checked that before).</summary>
    public static object? Read(JsonElement root, Type type, JsonSerializerOptions options)
    {
        var errors = new List<FieldError>();
        CheckPresence(root, TypeRules.For(type, options), "", options, errors, 0);
        if (errors.Count > 0) throw new BodyValidationException(errors);

        object? value;
        try
        {
            value = root.Deserialize(JsonContracts.Info(options, type));
        }
        catch (JsonException e)
        {
            throw new BodyValidationException([new FieldError(FieldOf(e.Path), MessageOf(e))]);
        }
        if (value is null) return null;

        Validate(value, TypeRules.For(value.GetType(), options), "", options, errors, new HashSet<object>(ReferenceEqualityComparer.Instance));
        if (errors.Count > 0) throw new BodyValidationException(errors);
        return value;
    }

    // Members the serializer would refuse when missing (C# `required`, [JsonRequired]) are reported here, all of
    // them and by name, instead of through the serializer's single "missing required properties" exception.
    private static void CheckPresence(JsonElement element, TypeRules rules, string path, JsonSerializerOptions options, List<FieldError> errors, int depth)
    {
        if (depth > 64) return;
        switch (rules.Info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                foreach (var member in rules.Members)
                {
                    JsonElement? found = null;
                    foreach (var property in element.EnumerateObject())
                        if (string.Equals(property.Name, member.JsonName, comparison)) found = property.Value;
                    if (found is null)
                    {
                        if (member.RequiredByJson) errors.Add(new FieldError(Join(path, member.JsonName), $"The {member.JsonName} field is required."));
                        continue;
                    }
                    var memberType = member.Property.PropertyType;
                    if (memberType != typeof(object) && !IsLeaf(memberType))
                        CheckPresence(found.Value, TypeRules.For(memberType, options), Join(path, member.JsonName), options, errors, depth + 1);
                }
                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && rules.Info.ElementType is { } itemType && !IsLeaf(itemType):
                var index = 0;
                var itemRules = TypeRules.For(itemType, options);
                foreach (var item in element.EnumerateArray())
                    CheckPresence(item, itemRules, $"{path}[{index++}]", options, errors, depth + 1);
                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && rules.Info.ElementType is { } valueType && !IsLeaf(valueType):
                var valueRules = TypeRules.For(valueType, options);
                foreach (var property in element.EnumerateObject())
                    CheckPresence(property.Value, valueRules, Join(path, property.Name), options, errors, depth + 1);
                break;
        }
    }

    // After deserialization: nulls in non-nullable members, data annotations, IValidatableObject; nested objects too.
    private static void Validate(object value, TypeRules rules, string path, JsonSerializerOptions options, List<FieldError> errors, HashSet<object> seen)
    {
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        switch (rules.Info.Kind)
        {
            case JsonTypeInfoKind.Object:
                ValidateObject(value, rules, path, options, errors, seen);
                break;
            case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && !IsLeaf(item.GetType()))
                        Validate(item, TypeRules.For(item.GetType(), options), $"{path}[{index}]", options, errors, seen);
                    index++;
                }
                break;
            case JsonTypeInfoKind.Dictionary when value is IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    if (entry.Value is { } item && !IsLeaf(item.GetType()))
                        Validate(item, TypeRules.For(item.GetType(), options), Join(path, Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""), options, errors, seen);
                break;
        }
    }

    private static void ValidateObject(object value, TypeRules rules, string path, JsonSerializerOptions options, List<FieldError> errors, HashSet<object> seen)
    {
        foreach (var member in rules.Members)
        {
            if (!member.CanBeSet || member.Property.Get is null) continue;
            var field = Join(path, member.JsonName);
            var memberValue = member.Property.Get(value);
            if (memberValue is null && member.NonNullable && !member.HasRequiredAttribute)
            {
                errors.Add(new FieldError(field, $"The {member.JsonName} field is required."));
                continue;
            }
            var context = new ValidationContext(value, member.JsonName, null, null) { MemberName = member.ClrName };
            foreach (var attribute in member.Attributes)
                if (attribute.GetValidationResult(memberValue, context) is { } failed && failed != ValidationResult.Success)
                    errors.Add(new FieldError(field, failed.ErrorMessage ?? $"The {member.JsonName} field is not valid."));
            if (memberValue is not null && !IsLeaf(memberValue.GetType()))
                Validate(memberValue, TypeRules.For(memberValue.GetType(), options), field, options, errors, seen);
        }

        var whole = new ValidationContext(value, path.Length == 0 ? rules.Info.Type.Name : path, null, null);
        foreach (var attribute in rules.TypeAttributes)
            if (attribute.GetValidationResult(value, whole) is { } failed && failed != ValidationResult.Success)
                errors.Add(new FieldError(path, failed.ErrorMessage ?? "The value is not valid."));
        if (value is IValidatableObject validatable)
            foreach (var result in validatable.Validate(whole) ?? [])
            {
                if (result == ValidationResult.Success) continue;
                var members = result.MemberNames.Select(name => rules.Members.FirstOrDefault(m => m.ClrName == name)?.JsonName ?? name).ToArray();
                var message = result.ErrorMessage ?? "The value is not valid.";
                if (members.Length == 0) errors.Add(new FieldError(path, message));
                foreach (var name in members) errors.Add(new FieldError(Join(path, name), message));
            }
    }

    /// <summary>Types with nothing inside to check: JSON primitives and the JSON DOM types.</summary>
    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly)
            || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(byte[])
            || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(JsonDocument);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // System.Text.Json reports "$.items[0].nombre"; the field is the part after "$.", or "" for the whole body.
    private static string FieldOf(string? jsonPath) => jsonPath switch
    {
        null or "$" => "",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    private static string MessageOf(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
