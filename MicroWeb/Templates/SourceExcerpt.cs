using System.Text;

namespace MicroWeb.Templates;

/// <summary>Numbered source lines around an error position, with a caret under the column (for error messages).</summary>
internal static class SourceExcerpt
{
    /// <summary>Lines <paramref name="line"/> ± <paramref name="around"/> (1-based line and column); null when the line is out of range.</summary>
    public static string? Build(string source, int line, int column, int around = 2)
    {
        var lines = source.Split('\n');
        // A final newline ends the last line; it does not start another one.
        if (lines.Length > 1 && lines[^1].Length == 0) lines = lines[..^1];
        if (line < 1 || line > lines.Length) return null;
        var first = Math.Max(1, line - around);
        var last = Math.Min(lines.Length, line + around);
        var width = last.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var sb = new StringBuilder();
        for (var n = first; n <= last; n++)
        {
            var text = lines[n - 1].TrimEnd('\r');
            sb.Append(n == line ? "> " : "  ").Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).Append(" | ").Append(text).Append('\n');
            if (n == line && column >= 1)
            {
                // Keep tabs in the caret line so the caret sits under the right character whatever the tab width.
                var prefix = text.Length >= column - 1 ? text[..(column - 1)] : text;
                var pad = new string(prefix.Select(c => c == '\t' ? '\t' : ' ').ToArray());
                sb.Append("  ").Append(new string(' ', width)).Append(" | ").Append(pad).Append("^\n");
            }
        }
        return sb.ToString().TrimEnd('\n');
    }
}
