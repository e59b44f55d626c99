using Scriban;

namespace MicroWeb.Templates;

/// <summary>A parsed template, with what is needed to report errors in it and to tell whether its file changed.</summary>
/// <param name="Name">The name inside the templates folder.</param>
/// <param name="FullPath">The file.</param>
/// <param name="Source">The text that was parsed (for error excerpts).</param>
/// <param name="Template">Scriban's parsed template: immutable, rendered concurrently with separate contexts.</param>
/// <param name="Stamp">The file's last write time and length when it was read.</param>
internal sealed record CompiledTemplate(string Name, string FullPath, string Source, Template Template, FileStamp Stamp)
{
    /// <summary>The Content-Type of the rendered page, set by the engine on the first render (it depends on the
    /// engine's settings, which do not change once the app runs).</summary>
    public string? ContentType { get; set; }
}

/// <summary>What identifies a version of a file without reading it: last write time and length.</summary>
internal readonly record struct FileStamp(DateTime LastWriteUtc, long Length)
{
    public static FileStamp Of(FileInfo file) => new(file.LastWriteTimeUtc, file.Length);
}
