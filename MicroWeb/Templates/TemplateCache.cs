using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;

namespace MicroWeb.Templates;

/// <summary>
/// Parsed templates by file, shared by every render (pages, layouts and includes alike). In production a file is read
/// and parsed once; with <c>checkForChanges</c> (debug mode) each use compares the file's time and length with the
/// cached version and parses it again when it changed, so edits show on the next request without a restart.
/// </summary>
internal sealed class TemplateCache
{
    private readonly ConcurrentDictionary<string, Lazy<CompiledTemplate>> _byPath = new(StringComparer.Ordinal);
    private int _fileReads;

    /// <summary>How many times a template file was read (for tests of the caching policy).</summary>
    public int FileReads => Volatile.Read(ref _fileReads);

    /// <summary>Number of cached templates.</summary>
    public int Count => _byPath.Count;

    /// <summary>Forgets every parsed template.</summary>
    public void Clear() => _byPath.Clear();

    /// <summary>The parsed template of <paramref name="fullPath"/>, read and parsed if needed.</summary>
    /// <exception cref="TemplateNotFoundException">The file does not exist.</exception>
    /// <exception cref="TemplateException">The file does not parse.</exception>
    public CompiledTemplate Get(string name, string fullPath, bool checkForChanges)
    {
        if (checkForChanges)
        {
            var file = new FileInfo(fullPath);
            if (!file.Exists)
            {
                _byPath.TryRemove(fullPath, out _);
                throw new TemplateNotFoundException(name, fullPath);
            }
            if (_byPath.TryGetValue(fullPath, out var cached) && cached.IsValueCreated && cached.Value.Stamp == FileStamp.Of(file))
                return cached.Value;
            var fresh = Compile(name, fullPath);
            _byPath[fullPath] = new Lazy<CompiledTemplate>(fresh);
            return fresh;
        }

        // Lazy makes concurrent first requests share one read and parse.
        var entry = _byPath.GetOrAdd(fullPath, path => new Lazy<CompiledTemplate>(() => Compile(name, path)));
        try
        {
            return entry.Value;
        }
        catch
        {
            // Do not cache a failure: a template deployed or fixed later is found on the next request.
            _byPath.TryRemove(new KeyValuePair<string, Lazy<CompiledTemplate>>(fullPath, entry));
            throw;
        }
    }

    /// <summary>The source of a cached template (for error excerpts), or null.</summary>
    public string? SourceOf(string fullPath) =>
        _byPath.TryGetValue(fullPath, out var entry) && entry.IsValueCreated ? entry.Value.Source : null;

    private CompiledTemplate Compile(string name, string fullPath)
    {
        var file = new FileInfo(fullPath);
        string source;
        try
        {
            // Stamp before reading: if the file changes meanwhile, the next check sees a newer stamp and reloads.
            var stamp = FileStamp.Of(file);
            Interlocked.Increment(ref _fileReads);
            source = File.ReadAllText(fullPath);
            return Parse(name, fullPath, source, stamp);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TemplateNotFoundException(name, fullPath);
        }
    }

    private static CompiledTemplate Parse(string name, string fullPath, string source, FileStamp stamp)
    {
        var template = Template.Parse(source, name);
        if (template.HasErrors)
        {
            var error = template.Messages.FirstOrDefault(m => m.Type == ParserMessageType.Error) ?? template.Messages[0];
            var line = error.Span.Start.Line + 1;
            var column = error.Span.Start.Column + 1;
            throw new TemplateException(name, error.Message, line, column, SourceExcerpt.Build(source, line, column));
        }
        return new CompiledTemplate(name, fullPath, source, template, stamp);
    }
}
