namespace MicroWeb;

/// <summary>
/// A template failed to parse or to render. Says where: <see cref="TemplateName"/>, <see cref="Line"/> and
/// <see cref="Column"/>, and the <see cref="Exception.Message"/> ends with the source around that place, so the debug error page
/// and the log show it. Production answers a plain 500 and logs it.
/// </summary>
public class TemplateException : Exception
{
    /// <summary>Creates the exception. <paramref name="line"/> and <paramref name="column"/> are 1-based; 0 when unknown.</summary>
    public TemplateException(string templateName, string reason, int line = 0, int column = 0, string? sourceExcerpt = null, Exception? innerException = null)
        : base(Format(templateName, reason, line, column, sourceExcerpt), innerException)
    {
        TemplateName = templateName;
        Reason = reason;
        Line = line;
        Column = column;
        SourceExcerpt = sourceExcerpt;
    }

    /// <summary>The template's name inside the templates folder (<c>productos.html</c>, <c>partials/nav.html</c>).</summary>
    public string TemplateName { get; }

    /// <summary>What went wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line of the error, or 0 when the error has no position (e.g. a missing file).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Numbered source lines around the error with a caret under the column, or null.</summary>
    public string? SourceExcerpt { get; }

    private static string Format(string name, string reason, int line, int column, string? excerpt)
    {
        var where = line > 0 ? $"{name}, line {line}, column {column}" : name;
        var message = $"Template {where}: {reason}";
        return excerpt is null ? message : $"{message}\n{excerpt}";
    }
}
