namespace MicroWeb;

/// <summary>A file sent in a multipart/form-data request, as Werkzeug's FileStorage.</summary>
public sealed class UploadedFile
{
    private readonly ReadOnlyMemory<byte> _content;

    internal UploadedFile(string fieldName, string fileName, string contentType, ReadOnlyMemory<byte> content)
    {
        FieldName = fieldName;
        FileName = fileName;
        ContentType = contentType;
        _content = content;
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

    /// <summary>The declared content type.</summary>
    public string ContentType { get; }

    /// <summary>Size in bytes.</summary>
    public long Length => _content.Length;

    /// <summary>Reads the content.</summary>
    public Stream OpenReadStream() => new MemoryStream(_content.ToArray(), writable: false);

    /// <summary>Writes the content to a file.</summary>
    public async Task SaveAsAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.Create(path);
        await file.WriteAsync(_content, cancellationToken);
    }
}
