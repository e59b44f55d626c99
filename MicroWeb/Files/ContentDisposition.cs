using System.Text;

namespace MicroWeb.Files;

/// <summary>Builds Content-Disposition values that survive any file name (RFC 6266, with RFC 5987's <c>filename*</c>).</summary>
public static class ContentDisposition
{
    /// <summary><c>attachment; filename="reporte.csv"</c>, adding <c>filename*=UTF-8''...</c> for non-ASCII names.</summary>
    public static string Format(string fileName, bool attachment)
    {
        var kind = attachment ? "attachment" : "inline";
        // Path parts and control characters never belong in a suggested name.
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var ascii = new StringBuilder();
        foreach (var c in name)
            ascii.Append(c is >= ' ' and < (char)0x7F && c != '"' && c != '\\' ? c : '_');
        if (ascii.ToString() == name) return $"{kind}; filename=\"{name}\"";
        return $"{kind}; filename=\"{ascii}\"; filename*=UTF-8''{Encode(name)}";
    }

    private static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c)) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
