namespace MicroWeb;

/// <summary>A template file does not exist. The message names the path that was searched.</summary>
public sealed class TemplateNotFoundException : TemplateException
{
    /// <summary>Creates the exception for <paramref name="templateName"/>, looked for at <paramref name="searchedPath"/>.</summary>
    public TemplateNotFoundException(string templateName, string searchedPath)
        : base(templateName, $"not found; looked for {searchedPath}")
    {
        SearchedPath = searchedPath;
    }

    /// <summary>The full path where the file was expected.</summary>
    public string SearchedPath { get; }
}
