using System.Text.RegularExpressions;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Architecture;

/// <summary>The library's layout rules (docs/architecture.md): a folder is a feature and its namespace; the types an
/// app uses are public in namespace <c>MicroWeb</c>, so that one <c>using MicroWeb;</c> is enough.</summary>
public partial class LayoutTests
{
    private static readonly string Library = Repository.PathOf("MicroWeb");

    public static TheoryData<string> SourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(Library, f).Replace('\\', '/'))
                     .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void A_file_declares_the_namespace_of_its_folder_or_MicroWeb_for_public_types(string file)
    {
        var text = File.ReadAllText(Path.Combine(Library, file));
        var declared = NamespaceLine().Match(text).Groups[1].Value;
        var folder = Path.GetDirectoryName(file)!.Replace('/', '.');
        var expected = folder.Length == 0 ? "MicroWeb" : "MicroWeb." + folder;
        if (declared == expected) return;
        // The everyday API (and MicroWebApp's partials beside their feature) is public in namespace MicroWeb;
        // extension methods for Microsoft.Extensions go where those APIs live, as .NET does.
        var isPublicApi = PublicTypeLine().IsMatch(text) || text.Contains("partial class MicroWebApp", StringComparison.Ordinal);
        (declared == "MicroWeb" && isPublicApi || declared == "Microsoft.Extensions.DependencyInjection")
            .ShouldBeTrue($"{file} declares namespace {declared}; expected {expected} (or MicroWeb for public API)");
    }

    [Fact]
    public void Every_partial_of_MicroWebApp_but_its_core_sits_in_its_feature_folder()
    {
        var root = Directory.EnumerateFiles(Library, "MicroWebApp*.cs").Select(Path.GetFileName).ToArray();
        root.ShouldBe(["MicroWebApp.cs"]);
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record|struct|interface|enum|delegate)\b", RegexOptions.Multiline)]
    private static partial Regex PublicTypeLine();
}
