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
    // Keyed by folder and name: a production hit is one lookup, with no path work. Names are checked (and turned into
    // paths) only on a miss, and only templates that exist are stored, so odd names cannot grow the cache.
    private readonly ConcurrentDictionary<(string Folder, string Name), Lazy<CompiledTemplate>> _entries = new();
    private int _fileReads;

    /// <summary>How many times a template file was read (for tests of the caching policy).</summary>
    public int FileReads => Volatile.Read(ref _fileReads);

    /// <summary>Number of cached templates.</summary>
    public int Count => _entries.Count;

    /// <summary>Forgets every parsed template.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>The parsed template <paramref name="name"/> of <paramref name="folder"/>, read and parsed if needed.</summary>
    /// <exception cref="TemplateNotFoundException">The file does not exist.</exception>
    /// <exception cref="TemplateException">The name is not valid, or the file does not parse.</exception>
    public CompiledTemplate Get(string folder, string name, bool checkForChanges)
    {
        var key = (folder, name);
        if (checkForChanges)
        {
            var file = new FileInfo(TemplateNames.Resolve(folder, name));
            if (!file.Exists)
            {
                _entries.TryRemove(key, out _);
                throw new TemplateNotFoundException(name, file.FullName);
            }
            if (_entries.TryGetValue(key, out var cached) && cached.IsValueCreated && cached.Value.Stamp == FileStamp.Of(file))
                return cached.Value;
            var fresh = Compile(name, file.FullName);
            _entries[key] = new Lazy<CompiledTemplate>(fresh);
            return fresh;
        }

        return _entries.TryGetValue(key, out var hit) && hit.IsValueCreated ? hit.Value : Load(folder, name);
    }

    // Apart from Get: its lambdas capture the name, and C# would allocate that capture on every call of Get.
    private CompiledTemplate Load(string folder, string name)
    {
        var key = (folder, name);
        var path = TemplateNames.Resolve(folder, name);
        // Lazy makes concurrent first requests share one read and parse.
        var entry = _entries.GetOrAdd(key, _ => new Lazy<CompiledTemplate>(() => Compile(name, path)));
        try
        {
            return entry.Value;
        }
        catch
        {
            // Do not cache a failure: a template deployed or fixed later is found on the next request.
            _entries.TryRemove(new KeyValuePair<(string, string), Lazy<CompiledTemplate>>(key, entry));
            throw;
        }
    }

    /// <summary>The source of a cached template (for error excerpts), or null.</summary>
    public string? SourceOf(string folder, string name) =>
        _entries.TryGetValue((folder, name), out var entry) && entry.IsValueCreated ? entry.Value.Source : null;

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
