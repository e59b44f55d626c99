using System.Runtime.InteropServices;
using MicroWeb.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MicroWeb.Tests.Docs;

// Every C# block of README.md and docs/*.md compiles against the library, as doc tests do in Rust and Python: a
// README that drifts from the code fails CI. How a block is wrapped: DocSnippet (and docs/README.md).
public class DocCompilationTests
{
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in AllCSharpBlocks()) data.Add(block.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Compiles(string block)
    {
        var code = AllCSharpBlocks().Single(b => b.ToString() == block);
        var errors = Compile(code).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.ShouldBeEmpty($"{block} does not compile:\n{string.Join('\n', errors)}\n\n{DocSnippet.Source(code)}");
    }

    [Fact]
    public void The_docs_have_csharp_blocks_to_check() => AllCSharpBlocks().Count.ShouldBeGreaterThan(10);

    internal static IReadOnlyList<CodeBlock> AllCSharpBlocks()
    {
        var files = new List<string> { Repository.PathOf("README.md") };
        var docs = Repository.PathOf("docs");
        if (Directory.Exists(docs)) files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories).Order());
        return files.SelectMany(Markdown.CodeBlocks).Where(b => b.Language is "csharp" or "cs" or "c#").ToList();
    }

    private static IEnumerable<Diagnostic> Compile(CodeBlock block)
    {
        var tree = CSharpSyntaxTree.ParseText(DocSnippet.Source(block), new CSharpParseOptions(LanguageVersion.Latest), path: block.ToString());
        var program = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create("DocBlock", [tree, ImplicitUsings], References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        return compilation.Emit(output).Diagnostics;
    }

    // What `dotnet new console` gives every file (ImplicitUsings), plus xunit's and Shouldly's for test examples.
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText("""
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """, new CSharpParseOptions(LanguageVersion.Latest));

    // The framework, MicroWeb and its dependencies, and the test libraries the testing guide uses.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        return paths.Where(p => !Path.GetFileName(p).StartsWith("MicroWeb.Tests", StringComparison.Ordinal)
                                && !Path.GetFileName(p).StartsWith("MicroWeb.Sample", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });
}
