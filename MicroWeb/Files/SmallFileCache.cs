using System.Collections.Concurrent;

namespace MicroWeb.Files;

/// <summary>
/// Keeps the bytes of small files (≤ 64 KB: style sheets, scripts, icons) in memory, keyed by path, size and
/// modification time, so a changed file is read again. Larger files are always streamed from disk.
/// </summary>
internal static class SmallFileCache
{
    public const long MaxFileSize = 64 * 1024;
    private const int MaxEntries = 1024;
    private static readonly ConcurrentDictionary<string, (long Length, long Ticks, byte[] Bytes)> Entries = new(StringComparer.Ordinal);

    public static byte[]? Get(FileInfo file)
    {
        if (file.Length > MaxFileSize) return null;
        var ticks = file.LastWriteTimeUtc.Ticks;
        if (Entries.TryGetValue(file.FullName, out var entry) && entry.Length == file.Length && entry.Ticks == ticks) return entry.Bytes;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file.FullName); }
        catch (IOException) { return null; }
        if (bytes.Length != file.Length) return null; // changed while reading: stream it this time
        if (Entries.Count >= MaxEntries) Entries.Clear();
        Entries[file.FullName] = (bytes.Length, ticks, bytes);
        return bytes;
    }
}
