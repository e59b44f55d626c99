using System.Text.RegularExpressions;
using MicroWeb.Tests.Support;

namespace MicroWeb.Tests.Docs;

/// <summary>
/// A C# block of the README or docs/ turned into the source that is compiled, as documented in docs/README.md:
/// <c>```csharp</c> is a whole file, pasted as is into a fresh console app; <c>```csharp fragment</c> is
/// statements, run after <c>var app = new MicroWebApp();</c>; <c>```csharp members</c> is members of a static class.
/// Fragments and members get <c>using MicroWeb;</c> and <c>using static MicroWeb.Web;</c>; their own <c>using</c>
/// lines move to the top.
/// </summary>
public static partial class DocSnippet
{
    public static string Source(CodeBlock block)
    {
        var kind = block.Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "file";
        if (kind == "file") return block.Code;
        var lines = block.Code.Split('\n');
        var usings = lines.Where(l => UsingLine().IsMatch(l)).ToList();
        var body = string.Join('\n', lines.Where(l => !UsingLine().IsMatch(l)));
        var header = string.Join('\n', new[] { "using MicroWeb;", "using static MicroWeb.Web;" }.Concat(usings).Distinct());
        return kind switch
        {
            "fragment" => $"{header}\nvar app = new MicroWebApp();\n#line 1\n{body}\n",
            "members" => $"{header}\npublic static partial class Snippet\n{{\n#line 1\n{body}\n}}\n",
            _ => throw new InvalidOperationException($"{block}: unknown kind '{kind}' (file, fragment or members)"),
        };
    }

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?\s*;\s*$")]
    private static partial Regex UsingLine();
}
