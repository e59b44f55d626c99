using System.Reflection;
using System.Reflection.Emit;
using MicroWeb.Http;

namespace MicroWeb.Tests.Architecture;

/// <summary>
/// Http is the bottom layer: Routing may use it, never the reverse. Checked on the compiled library, signatures and
/// method bodies alike (a static call in a method body is a dependency as much as a field's type is).
/// </summary>
public class LayeringTests
{
    // The Http folder's public types that live in the root namespace for the user's convenience.
    private static readonly Type[] HttpTypesInRootNamespace =
        [typeof(Response), typeof(HttpException), typeof(MultiDictionary), typeof(CookieOptions), typeof(UploadedFile), typeof(SameSiteMode)];

    // Issue 23: Request.MatchedRoute and Request.RouteValues (and Endpoint, which reads MatchedRoute) move to
    // RequestContext in the lead's part of the issue. Until then these three members are the only exemption; once they
    // have moved, delete this list and Request is checked whole.
    private static readonly string[] RequestMembersMovingToRequestContext = ["MatchedRoute", "RouteValues", "Endpoint"];

    [Fact]
    public void No_type_of_the_Http_namespace_uses_Routing()
    {
        var types = typeof(Request).Assembly.GetTypes().Where(t => t.Namespace == "MicroWeb.Http").Concat(HttpTypesInRootNamespace);
        var uses = types.SelectMany(t => RoutingUses(t, _ => true)).ToList();
        uses.ShouldBeEmpty();
    }

    [Fact]
    public void Request_uses_Routing_only_in_the_members_moving_to_the_request_context()
    {
        var uses = RoutingUses(typeof(Request), member => !RequestMembersMovingToRequestContext.Any(name => member.Name.Contains(name, StringComparison.Ordinal)));
        uses.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_sees_a_dependency_in_a_method_body()
    {
        // UrlBuilder calls UrlEncoding (Http) in its bodies only: the check must see that direction too.
        RoutingUses(typeof(Request), _ => true).ShouldNotBeEmpty(); // MatchedRoute's signature, until it moves
        Uses(typeof(MicroWeb.Routing.UrlBuilder), "MicroWeb.Http", _ => true).ShouldContain(use => use.Contains("UrlEncoding"));
    }

    private static List<string> RoutingUses(Type type, Func<MemberInfo, bool> include) => Uses(type, "MicroWeb.Routing", include);

    // Every use of a type of the namespace by the type, its nested types (closures, async state machines) and members.
    private static List<string> Uses(Type type, string ns, Func<MemberInfo, bool> include)
    {
        var found = new List<string>();
        bool In(Type? t) => t is not null && (t.Namespace == ns || (t.IsGenericType && t.GetGenericArguments().Any(In))
                                              || (t.HasElementType && In(t.GetElementType())));
        void Note(MemberInfo where, Type? used)
        {
            if (In(used)) found.Add($"{where.DeclaringType?.FullName ?? where.Name}.{where.Name} uses {used}");
        }
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var t in new[] { type }.Concat(type.GetNestedTypes(all)))
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

    static LayeringTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            if (code.Size == 1) OneByte[(ushort)code.Value] = code;
            else TwoByte[(ushort)code.Value & 0xFF] = code;
        }
    }
}
