using System.Text;

// One implementation for the whole kit: the engine, which does not reference this library, compiles this same file
// (linked in DeepNlp.Engine.csproj with DEEPNLP_ENGINE defined) as an internal class of its own, for notebooks and
// the kernel's input history.
#if DEEPNLP_ENGINE
namespace DeepNlp.Engine.Notebooks;
#else
namespace DeepNlp;
#endif

/// <summary>Writes files so that readers see either the old content or the new, never a half-written file.</summary>
/// <remarks>
/// The content goes to a temporary file in the same folder, is flushed to disk, and then renamed over the target.
/// A rename within one file system is atomic on Linux, macOS and Windows (NTFS), so a crash mid-write leaves the old
/// file intact and at worst a stray <c>.tmp</c> file.
/// </remarks>
#if DEEPNLP_ENGINE
internal
#else
public
#endif
static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes through a callback to a temporary stream, then renames it over <paramref name="path"/>.</summary>
    /// <param name="path">Target file; its folder is created if missing.</param>
    /// <param name="write">Writes the whole content; if it throws, the target is left untouched.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
