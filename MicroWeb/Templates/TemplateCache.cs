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
    // The templates of one folder, keyed by name: a production hit is one lookup of the name, with no path work and no
    // hashing of the folder's path. Names are checked (and turned into paths) only on a miss, and only templates that
    // exist are stored, so odd names cannot grow the cache. When the folder setting changes, the cache starts over.
    private sealed class FolderEntries(string folder)
    {
        public string Folder { get; } = folder;

        public ConcurrentDictionary<string, Lazy<CompiledTemplate>> ByName { get; } = new();
    }

    private FolderEntries _current = new("");
    private int _fileReads;

    private ConcurrentDictionary<string, Lazy<CompiledTemplate>> EntriesOf(string folder)
    {
        var current = Volatile.Read(ref _current);
        if (current.Folder == folder) return current.ByName;
        // Concurrent first requests all see the change: one set of entries must win, or a template read into a
        // set that lost would be read again.
        var fresh = new FolderEntries(folder);
        var seen = Interlocked.CompareExchange(ref _current, fresh, current);
        return (ReferenceEquals(seen, current) || seen.Folder != folder ? fresh : seen).ByName;
    }

    /// <summary>How many times a template file was read (for tests of the caching policy).</summary>
    public int FileReads => Volatile.Read(ref _fileReads);

    /// <summary>Number of cached templates.</summary>
    public int Count => Volatile.Read(ref _current).ByName.Count;

    /// <summary>Forgets every parsed template.</summary>
    public void Clear() => Volatile.Read(ref _current).ByName.Clear();

    /// <summary>The parsed template <paramref name="name"/> of <paramref name="folder"/>, read and parsed if needed.</summary>
    /// <exception cref="TemplateNotFoundException">The file does not exist.</exception>
    /// <exception cref="TemplateException">The name is not valid, or the file does not parse.</exception>
    public CompiledTemplate Get(string folder, string name, bool checkForChanges)
    {
        var entries = EntriesOf(folder);
        if (checkForChanges)
        {
            var file = new FileInfo(TemplateNames.Resolve(folder, name));
            if (!file.Exists)
            {
                entries.TryRemove(name, out _);
                throw new TemplateNotFoundException(name, file.FullName);
            }
            if (entries.TryGetValue(name, out var cached) && cached.IsValueCreated && cached.Value.Stamp == FileStamp.Of(file))
                return cached.Value;
            var fresh = Compile(name, file.FullName);
            entries[name] = new Lazy<CompiledTemplate>(fresh);
            return fresh;
        }

        return entries.TryGetValue(name, out var hit) && hit.IsValueCreated ? hit.Value : Load(entries, folder, name);
    }

    // Apart from Get: its lambdas capture the name, and C# would allocate that capture on every call of Get.
    private CompiledTemplate Load(ConcurrentDictionary<string, Lazy<CompiledTemplate>> entries, string folder, string name)
    {
        var path = TemplateNames.Resolve(folder, name);
        // Lazy makes concurrent first requests share one read and parse.
        var entry = entries.GetOrAdd(name, _ => new Lazy<CompiledTemplate>(() => Compile(name, path)));
        try
        {
            return entry.Value;
        }
        catch
        {
            // Do not cache a failure: a template deployed or fixed later is found on the next request.
            entries.TryRemove(new KeyValuePair<string, Lazy<CompiledTemplate>>(name, entry));
            throw;
        }
    }

    /// <summary>The source of a cached template (for error excerpts), or null.</summary>
    public string? SourceOf(string folder, string name) =>
        Volatile.Read(ref _current) is var current && current.Folder == folder &&
        current.ByName.TryGetValue(name, out var entry) && entry.IsValueCreated ? entry.Value.Source : null;

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
