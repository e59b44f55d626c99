using System.Text.RegularExpressions;

namespace MicroWeb.Tests.Support;

/// <summary>A fenced code block of a Markdown file: its info string (<c>csharp</c>, <c>csharp fragment</c>), text and line.</summary>
public sealed record CodeBlock(string File, int Line, string Info, string Code)
{
    public string Language => Info.Split(' ', 2)[0];

    public override string ToString() => $"{System.IO.Path.GetFileName(File)}:{Line}";
}

public static partial class Markdown
{
    /// <summary>Every fenced block (``` or ~~~) of <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<CodeBlock> CodeBlocks(string path)
    {
        var blocks = new List<CodeBlock>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success) continue;
            var fence = open.Groups["fence"].Value;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith(fence, StringComparison.Ordinal)) end++;
            blocks.Add(new CodeBlock(path, start, open.Groups["info"].Value.Trim(), string.Join('\n', lines[start..Math.Min(end, lines.Length)])));
            i = end;
        }
        return blocks;
    }

    [GeneratedRegex(@"^\s*(?<fence>```+|~~~+)(?<info>.*)$")]
    private static partial Regex Fence();
}
