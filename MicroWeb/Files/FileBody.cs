using MicroWeb.Http;

namespace MicroWeb.Files;

/// <summary>A file (or a byte range of it) streamed from disk; the file is opened only when the body is written,
/// and copied through one pooled buffer, so memory stays flat whatever the file's size.</summary>
public sealed class FileBody(string path, long offset, long length) : ResponseBody
{
    /// <inheritdoc />
    public override long? Length => length;

    /// <inheritdoc />
    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var remaining = length;
            while (remaining > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0) throw new IOException($"{Path.GetFileName(path)} became shorter while it was being sent.");
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
