using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MicroWeb.OpenApi;

/// <summary>
/// Reads the XML doc comments the compiler writes beside an assembly (<c>GenerateDocumentationFile</c>), as
/// flask-smorest reads docstrings: a handler's <c>&lt;summary&gt;</c>, <c>&lt;remarks&gt;</c>,
/// <c>&lt;param&gt;</c> and <c>&lt;response code="..."&gt;</c>, a type's or member's <c>&lt;summary&gt;</c>.
/// An assembly without its XML file simply has no docs.
/// </summary>
internal static partial class XmlDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, XElement>> Files = new();

    /// <summary>The doc element of a method, type, property or field, or null.</summary>
    public static XElement? For(MemberInfo member)
    {
        var id = IdOf(member);
        var assembly = (member as Type ?? member.DeclaringType)?.Assembly;
        return id is null || assembly is null ? null : Load(assembly).GetValueOrDefault(id);
    }

    /// <summary>The text of a child element (<c>summary</c>, <c>remarks</c>, <c>returns</c>), or null.</summary>
    public static string? Text(XElement? doc, string element) => Clean(doc?.Element(element));

    /// <summary>The text of <c>&lt;param name="..."&gt;</c>, or null.</summary>
    public static string? Param(XElement? doc, string name) =>
        Clean(doc?.Elements("param").FirstOrDefault(p => string.Equals((string?)p.Attribute("name"), name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Texts of <c>&lt;response code="201"&gt;</c> elements by status.</summary>
    public static IReadOnlyDictionary<int, string> Responses(XElement? doc) =>
        doc?.Elements("response")
            .Select(r => (Ok: int.TryParse((string?)r.Attribute("code"), out var code), Code: code, Text: Clean(r)))
            .Where(r => r.Ok && r.Text is not null)
            .GroupBy(r => r.Code)
            .ToDictionary(g => g.Key, g => g.First().Text!)
        ?? new Dictionary<int, string>();

    /// <summary>The summary of a property or field: its own, else the record's <c>&lt;param&gt;</c> for it.</summary>
    public static string? MemberSummary(MemberInfo member) =>
        Text(For(member), "summary") ?? (member.DeclaringType is { } type ? Param(For(type), member.Name) : null);

    private static IReadOnlyDictionary<string, XElement> Load(Assembly assembly) => Files.GetOrAdd(assembly, static a =>
    {
        try
        {
            var path = DocumentationFile(a);
            if (path is null) return new Dictionary<string, XElement>();
            return XDocument.Load(path).Root?.Element("members")?.Elements("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => g.First()) ?? new Dictionary<string, XElement>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return new Dictionary<string, XElement>();
        }
    });

    // Beside the assembly, or, in a single-file app (whose assemblies have no location), in the app's folder, where
    // `dotnet publish` leaves the .xml files (they are not bundled).
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location falls back to AppContext.BaseDirectory.")]
    private static string? DocumentationFile(Assembly assembly)
    {
        var name = assembly.GetName().Name + ".xml";
        string[] candidates = string.IsNullOrEmpty(assembly.Location)
            ? [Path.Combine(AppContext.BaseDirectory, name)]
            : [Path.ChangeExtension(assembly.Location, ".xml"), Path.Combine(AppContext.BaseDirectory, name)];
        return candidates.FirstOrDefault(File.Exists);
    }

    // Flattens doc markup to text: <c>x</c> -> x, <see cref="T:A.B"/> -> B, <paramref name="n"/> -> n,
    // <para> -> a blank line; runs of whitespace from the source indentation collapse to one space.
    private static string? Clean(XElement? element)
    {
        if (element is null) return null;
        var text = new StringBuilder();
        Append(element, text);
        var paragraphs = text.ToString().Split("\n\n")
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        var result = string.Join("\n\n", paragraphs);
        return result.Length == 0 ? null : result;
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var target = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? "";
                    text.Append(see.Value.Length > 0 ? see.Value : ShortName(target));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name"));
                    break;
                case XElement { Name.LocalName: "para" or "br" } para:
                    text.Append("\n\n");
                    Append(para, text);
                    text.Append("\n\n");
                    break;
                case XElement child:
                    Append(child, text);
                    break;
            }
        }
    }

    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // ---- documentation IDs (ECMA-334 annex D), the keys of the XML file ----

    internal static string? IdOf(MemberInfo member) => member switch
    {
        Type t => "T:" + TypeName(t, definition: true),
        MethodBase m when m.DeclaringType is { } owner => MethodId(m, owner),
        PropertyInfo p when p.DeclaringType is { } owner => "P:" + TypeName(owner, true) + "." + p.Name,
        FieldInfo f when f.DeclaringType is { } owner => "F:" + TypeName(owner, true) + "." + f.Name,
        _ => null,
    };

    private static string MethodId(MethodBase method, Type owner)
    {
        var name = method.IsConstructor ? "#ctor" : method.Name;
        if (method.IsGenericMethod) name += "``" + method.GetGenericArguments().Length;
        var parameters = method.GetParameters();
        var list = parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => TypeName(p.ParameterType, false))) + ")";
        return "M:" + TypeName(owner, true) + "." + name + list;
    }

    // definition: the type's own name (Box`1); otherwise a use of it in a signature (Box{System.String}).
    private static string TypeName(Type type, bool definition)
    {
        if (type.IsGenericParameter)
            return (type.DeclaringMethod is not null ? "``" : "`") + type.GenericParameterPosition;
        if (type.IsByRef) return TypeName(type.GetElementType()!, false) + "@";
        if (type.IsPointer) return TypeName(type.GetElementType()!, false) + "*";
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            var dims = rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return TypeName(type.GetElementType()!, false) + dims;
        }
        var prefix = type.IsNested ? TypeName(type.DeclaringType!, true) + "." : type.Namespace is { Length: > 0 } ns ? ns + "." : "";
        if (!type.IsGenericType) return prefix + type.Name;
        if (definition || type.IsGenericTypeDefinition) return prefix + type.Name;
        var tick = type.Name.IndexOf('`');
        var bare = tick >= 0 ? type.Name[..tick] : type.Name;
        var ownArgs = type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).ToArray();
        if (ownArgs.Length == 0) return prefix + bare;
        return prefix + bare + "{" + string.Join(",", ownArgs.Select(a => TypeName(a, false))) + "}";
    }
}
