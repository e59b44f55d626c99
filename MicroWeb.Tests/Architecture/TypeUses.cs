using System.Reflection;
using System.Reflection.Emit;

namespace MicroWeb.Tests.Architecture;

/// <summary>Which types a type uses, read from the compiled assembly: signatures and method bodies alike (a static call
/// in a method body is a dependency as much as a field's type is).</summary>
internal static class TypeUses
{
    /// <summary>Every use of a target type by <paramref name="type"/>, its nested types (closures, async state machines) and the members <paramref name="include"/> keeps, in signatures and IL.</summary>
    public static List<string> Uses(Type type, Func<Type, bool> isTarget, Func<MemberInfo, bool> include)
    {
        var found = new List<string>();
        bool In(Type? t) => t is not null && (isTarget(t) || (t.IsGenericType && t.GetGenericArguments().Any(In))
                                              || (t.HasElementType && In(t.GetElementType())));
        void Note(MemberInfo where, Type? used)
        {
            if (In(used)) found.Add($"{where.DeclaringType?.FullName ?? where.Name}.{where.Name} uses {used}");
        }
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> WithNested(Type t) => new[] { t }.Concat(t.GetNestedTypes(all).SelectMany(WithNested));
        foreach (var t in WithNested(type))
        {
            if (t != type && !include(t)) continue;
            Note(t, t.BaseType);
            foreach (var i in t.GetInterfaces()) Note(t, i);
            foreach (var field in t.GetFields(all).Where(f => include(f))) Note(field, field.FieldType);
            foreach (var property in t.GetProperties(all).Where(p => include(p))) Note(property, property.PropertyType);
            foreach (var method in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)).Where(m => include(m) && !IsAccessorOfExcluded(m, include)))
            {
                if (method is MethodInfo m) Note(method, m.ReturnType);
                foreach (var parameter in method.GetParameters()) Note(method, parameter.ParameterType);
                foreach (var used in BodyUses(method)) Note(method, used);
            }
        }
        return found;
    }

    private static bool IsAccessorOfExcluded(MethodBase method, Func<MemberInfo, bool> include) =>
        method.IsSpecialName && method.DeclaringType!.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Any(p => (p.GetMethod == method || p.SetMethod == method) && !include(p));

    // The types named by the tokens of a method's IL: called methods' declaring types, fields', types'.
    private static IEnumerable<Type?> BodyUses(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
            i += code.Size;
            var operand = code.OperandType;
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, i);
                MemberInfo? member = null;
                try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                catch (ArgumentException) { }
                if (member is Type t) yield return t;
                else if (member is not null)
                {
                    yield return member.DeclaringType;
                    if (member is FieldInfo f) yield return f.FieldType;
                    if (member is MethodInfo mi) yield return mi.ReturnType;
                }
            }
            i += OperandSize(operand, il, i);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static TypeUses()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            if (code.Size == 1) OneByte[(ushort)code.Value] = code;
            else TwoByte[(ushort)code.Value & 0xFF] = code;
        }
    }
}
