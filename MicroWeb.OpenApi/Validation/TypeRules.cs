using MicroWeb.Http;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MicroWeb.Validation;

/// <summary>
/// What a C# type asks of its JSON: for each member its JSON name, whether it is required and which data
/// annotations apply. Built once per type and JSON settings, and read both by body validation and by the
/// OpenAPI schemas, so the documentation says exactly what the server enforces.
/// </summary>
internal sealed class TypeRules
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConcurrentDictionary<Type, TypeRules>> Cache = new();

    private TypeRules(JsonTypeInfo info)
    {
        Info = info;
        TypeAttributes = info.Type.GetCustomAttributes<ValidationAttribute>(true).ToArray();
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            Members = [];
            return;
        }
        var nullability = new NullabilityInfoContext();
        Members = info.Properties.Select(p => new MemberRules(p, nullability)).ToArray();
    }

    /// <summary>The rules of <paramref name="type"/> under <paramref name="options"/> (cached).</summary>
    public static TypeRules For(Type type, JsonSerializerOptions options) =>
        Cache.GetValue(options, _ => new()).GetOrAdd(type, static (t, o) => new TypeRules(Contract(o, t)), options);

    /// <summary>The serializer's contract for a type. Locks the options as the first serialization would,
    /// filling in the default reflection resolver when none was set.</summary>
    public static JsonTypeInfo Contract(JsonSerializerOptions options, Type type) => JsonContracts.Info(options, type);

    /// <summary>The serializer's contract for the type.</summary>
    public JsonTypeInfo Info { get; }

    /// <summary>The JSON members, in serialization order (empty unless the type is a JSON object).</summary>
    public IReadOnlyList<MemberRules> Members { get; }

    /// <summary>Data annotations on the type itself (checked against the whole object).</summary>
    public ValidationAttribute[] TypeAttributes { get; }
}

/// <summary>One JSON member of an object type and what it must satisfy.</summary>
internal sealed class MemberRules
{
    public MemberRules(JsonPropertyInfo property, NullabilityInfoContext nullability)
    {
        Property = property;
        JsonName = property.Name;
        var member = property.AttributeProvider as MemberInfo;
        var parameter = property.AssociatedParameter?.AttributeProvider as ParameterInfo;
        ClrName = member?.Name ?? property.Name;
        Member = member;
        Parameter = parameter;
        CanBeSet = property.Set is not null || parameter is not null;

        // Positional records put attributes on the constructor parameter: [Required] string Color.
        var attributes = new List<ValidationAttribute>();
        if (member is not null) attributes.AddRange(member.GetCustomAttributes<ValidationAttribute>(true));
        if (parameter is not null) attributes.AddRange(parameter.GetCustomAttributes<ValidationAttribute>(true));
        Attributes = attributes.Distinct().ToArray();

        RequiredByJson = property.IsRequired;
        var isReference = !property.PropertyType.IsValueType;
        NonNullable = isReference && CanBeSet && WriteState(member, parameter, nullability) == NullabilityState.NotNull;
        HasDefault = property.AssociatedParameter?.HasDefaultValue == true;
    }

    public JsonPropertyInfo Property { get; }
    public string JsonName { get; }
    public string ClrName { get; }
    public MemberInfo? Member { get; }
    public ParameterInfo? Parameter { get; }
    public bool CanBeSet { get; }
    public ValidationAttribute[] Attributes { get; }

    /// <summary>The serializer itself insists on the member (C# <c>required</c>, <c>[JsonRequired]</c>).</summary>
    public bool RequiredByJson { get; }

    /// <summary>A reference type annotated as not nullable (<c>string</c>, not <c>string?</c>).</summary>
    public bool NonNullable { get; }

    /// <summary>The constructor parameter has a default value, so the member may be left out.</summary>
    public bool HasDefault { get; }

    public bool HasRequiredAttribute => Attributes.Any(a => a is RequiredAttribute);

    /// <summary>Required in the JSON: <c>required</c>, <c>[JsonRequired]</c>, <c>[Required]</c>, or a non-nullable
    /// reference type without a default (as ASP.NET Core MVC treats it).</summary>
    public bool Required => CanBeSet && (RequiredByJson || HasRequiredAttribute || NonNullable && !HasDefault);

    private static NullabilityState WriteState(MemberInfo? member, ParameterInfo? parameter, NullabilityInfoContext context)
    {
        if (parameter is not null) return context.Create(parameter).WriteState;
        return member switch
        {
            PropertyInfo p => p.CanWrite ? context.Create(p).WriteState : context.Create(p).ReadState,
            FieldInfo f => context.Create(f).WriteState,
            _ => NullabilityState.Unknown,
        };
    }
}
