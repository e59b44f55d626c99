using System.Reflection;
using MicroWeb.OpenApi;

namespace MicroWeb.Tests.OpenApi;

/// <summary>Documentation IDs (the keys of the compiler's XML doc file) for the members handlers and bodies use.</summary>
public class XmlDocIdTests
{
    public sealed class Outer
    {
        public sealed class Inner
        {
            public string? Name { get; set; }
        }

        public static void Plain() { }
        public static void Many(int a, string? b, List<Inner> c, Dictionary<string, int[]> d, int? e, ref int f) { }
        public static void Generic<T>(T value, List<T> values) { }
        public static void Grid(int[,] cells) { }
    }

    private static MethodInfo M(string name) => typeof(Outer).GetMethod(name)!;

    [Fact]
    public void Ids_follow_the_csharp_documentation_comment_format()
    {
        const string outer = "MicroWeb.Tests.OpenApi.XmlDocIdTests.Outer";
        XmlDocs.IdOf(typeof(Outer)).ShouldBe($"T:{outer}");
        XmlDocs.IdOf(typeof(Outer.Inner)).ShouldBe($"T:{outer}.Inner");
        XmlDocs.IdOf(typeof(Outer.Inner).GetProperty("Name")!).ShouldBe($"P:{outer}.Inner.Name");
        XmlDocs.IdOf(M("Plain")).ShouldBe($"M:{outer}.Plain");
        XmlDocs.IdOf(M("Many")).ShouldBe(
            $"M:{outer}.Many(System.Int32,System.String,System.Collections.Generic.List{{{outer}.Inner}}," +
            "System.Collections.Generic.Dictionary{System.String,System.Int32[]},System.Nullable{System.Int32},System.Int32@)");
        XmlDocs.IdOf(M("Generic")).ShouldBe($"M:{outer}.Generic``1(``0,System.Collections.Generic.List{{``0}})");
        XmlDocs.IdOf(M("Grid")).ShouldBe($"M:{outer}.Grid(System.Int32[0:,0:])");
        XmlDocs.IdOf(typeof(List<>)).ShouldBe("T:System.Collections.Generic.List`1");
    }

    [Fact]
    public void Docs_are_read_from_the_xml_file_beside_the_assembly()
    {
        var handler = typeof(MicroWeb.Sample.Routes.Datos).GetMethod("LeerFruta")!;
        var doc = XmlDocs.For(handler);
        XmlDocs.Text(doc, "summary").ShouldBe("Reads one fruit.");
        XmlDocs.Param(doc, "nombre").ShouldBe("The fruit's name.");
        XmlDocs.Responses(doc)[404].ShouldBe("There is no fruit with that name.");
        // A positional record's members are documented by the record's <param> tags.
        XmlDocs.MemberSummary(typeof(MicroWeb.Sample.Routes.Fruta).GetProperty("Color")!).ShouldBe("Its colour.");
        // Markup is flattened to text: <see cref>, <c>, &lt;.
        XmlDocs.Text(XmlDocs.For(typeof(MicroWeb.Sample.Routes.CambioDeFruta)), "summary")
            .ShouldBe("What PUT /datos/frutas/<nombre> sends: the fruit's new colour (the name is in the URL).");
        // This assembly has no XML file: no docs, no error.
        XmlDocs.For(typeof(Outer)).ShouldBeNull();
    }
}
