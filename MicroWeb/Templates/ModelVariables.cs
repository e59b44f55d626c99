using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Scriban.Runtime;

namespace MicroWeb.Templates;

/// <summary>
/// Copies a model object's public properties and fields into a template's variables, named as Scriban names them
/// (<c>PrecioUnitario</c> → <c>precio_unitario</c>). What Scriban's <c>ScriptObject.Import</c> does, except that the
/// member list of each type is worked out once (Import reflects over the type on every call, a large share of a
/// small page's render).
/// </summary>
internal static class ModelVariables
{
    private static readonly ConcurrentDictionary<(Type, MemberFilterDelegate?), Member[]> Members = new();

    // Most renders in a row pass the same model type: skip the dictionary (hashing a type and a delegate) for it.
    private static Known? _last;

    private sealed record Known(Type Type, MemberFilterDelegate? Filter, Member[] Members);

    // A compiled getter per member: reflection's GetValue costs tens of nanoseconds a call, on every render.
    private readonly record struct Member(string Name, Func<object, object?> Read);

    /// <summary>Sets one variable per readable member of <paramref name="model"/> that <paramref name="filter"/> lets through.</summary>
    [RequiresUnreferencedCode(Warning)]
    public static void Import(ScriptObject variables, object model, MemberFilterDelegate? filter)
    {
        var type = model.GetType();
        var last = Volatile.Read(ref _last);
        if (last is null || last.Type != type || !ReferenceEquals(last.Filter, filter))
            Volatile.Write(ref _last, last = new Known(type, filter, Members.GetOrAdd((type, filter), static key => Discover(key.Item1, key.Item2))));
        foreach (var member in last.Members)
            variables[member.Name] = member.Read(model);
    }

    /// <summary>Why rendering a template with a model is not trim-safe.</summary>
    public const string Warning = "Templates read a model object's members, and those of objects inside it, by reflection, which trimming removes. In a trimmed or Native AOT app, pass the model with RenderTemplate<T>(name, model) (the trimmer keeps T's properties) and register the types of objects inside it with app.Templates.AddModelType<T>(); an object of any other type is a TemplateException naming its type.";

    [RequiresUnreferencedCode(Warning)]
    private static Member[] Discover(Type type, MemberFilterDelegate? filter)
    {
        var members = new List<Member>();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            if (Visible(field, filter)) members.Add(new Member(StandardMemberRenamer.Default(field), Getter(type, field)));
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0 && Visible(property, filter))
                members.Add(new Member(StandardMemberRenamer.Default(property), Getter(type, property)));
        return [.. members];
    }

    // model => (object)((T)model).Member; reflection for what cannot be boxed (a ref struct: fails when read, as before)
    // and under Native AOT, where expressions would only be interpreted.
    private static Func<object, object?> Getter(Type type, MemberInfo member)
    {
        var memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
        if (memberType.IsByRefLike || memberType.IsPointer || memberType.IsByRef || !RuntimeFeature.IsDynamicCodeCompiled)
            return member is PropertyInfo property ? property.GetValue : ((FieldInfo)member).GetValue;
        var model = Expression.Parameter(typeof(object), "model");
        var value = Expression.MakeMemberAccess(Expression.Convert(model, type), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), model).Compile();
    }

    private static bool Visible(MemberInfo member, MemberFilterDelegate? filter) =>
        member.GetCustomAttribute<ScriptMemberIgnoreAttribute>() is null && (filter is null || filter(member));
}
