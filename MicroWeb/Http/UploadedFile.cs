namespace MicroWeb;

/// <summary>
/// A file sent in a multipart/form-data request, as Werkzeug's FileStorage. Small files are kept in memory; larger
/// ones are spooled to a temporary file while the form is read (as Werkzeug and ASP.NET Core do), so an upload costs
/// disk, not memory. The temporary file is deleted when the request ends: save or copy what you keep.
/// </summary>
public sealed class UploadedFile
{
    /// <summary>Files up to this size stay in memory; larger ones go to a temporary file (ASP.NET Core's default).</summary>
    internal const int MemoryThreshold = 64 * 1024;

    private readonly byte[]? _memory;
    private readonly FileStream? _spool;

    private UploadedFile(string fieldName, string fileName, string contentType, byte[]? memory, FileStream? spool, long length)
    {
        FieldName = fieldName;
        FileName = fileName;
        ContentType = contentType;
        _memory = memory;
        _spool = spool;
        Length = length;
    }

    /// <summary>The form field the file came in.</summary>
    public string FieldName { get; }

    /// <summary>The name the client gave. Never trust it as a path: see <see cref="SafeFileName"/>.</summary>
    public string FileName { get; }

    /// <summary>The file name reduced to its last component with path characters removed (Werkzeug's secure_filename idea).</summary>
    public string SafeFileName
    {
        get
        {
            var name = FileName.Replace('\\', '/');
            name = name[(name.LastIndexOf('/') + 1)..];
            name = new string(name.Where(c => !char.IsControl(c) && c is not ':' and not '*' and not '?' and not '"' and not '<' and not '>' and not '|').ToArray()).Trim('.', ' ');
            return name.Length == 0 ? "file" : name;
        }
    }

    /// <summary>The content type the client declared (application/octet-stream when none). It is the client's word:
    /// check the content before trusting it, and it is validated like any header if you send it back.</summary>
    public string ContentType { get; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>The temporary file's path, when spooled (for tests).</summary>
    internal string? SpoolPath => _spool?.Name;

    /// <summary>True when the content was spooled to a temporary file rather than kept in memory.</summary>
    public bool IsOnDisk => _spool is not null;

    /// <summary>Reads the content (each call gives a new stream from the start).</summary>
    public Stream OpenReadStream() => _spool is null
        ? new MemoryStream(_memory!, writable: false)
        : new FileStream(_spool.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Writes the content to a file.</summary>
    public async Task SaveAsAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.Create(path);
        await using var content = OpenReadStream();
        await content.CopyToAsync(file, cancellationToken);
    }

    /// <summary>Reads one part's content: into memory up to <see cref="MemoryThreshold"/>, else into a temporary
    /// file that deletes itself when <see cref="Delete"/> closes it.</summary>
    internal static async Task<UploadedFile> ReadAsync(string fieldName, string fileName, string contentType, Stream source, CancellationToken cancellationToken)
    {
        var head = new byte[MemoryThreshold + 1];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = await source.ReadAsync(head.AsMemory(filled), cancellationToken)) > 0) filled += read;
        if (filled <= MemoryThreshold) return new UploadedFile(fieldName, fileName, contentType, head[..filled], null, filled);

        var path = Path.Combine(Path.GetTempPath(), $"microweb-upload-{Guid.NewGuid():N}.tmp");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 16 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await spool.WriteAsync(head.AsMemory(0, filled), cancellationToken);
            await source.CopyToAsync(spool, 64 * 1024, cancellationToken);
            await spool.FlushAsync(cancellationToken);
            return new UploadedFile(fieldName, fileName, contentType, null, spool, spool.Length);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes the temporary file, if any (at the end of the request). Streams already open keep reading.</summary>
    internal void Delete() => _spool?.Dispose();
}
