using System.Text;

namespace DeepNlp.Engine.Notebooks;

/// <summary>Atomic file writes (temporary file in the same folder, flushed, then renamed over the target): a reader sees
/// the old file or the new one, never half of one. Used for notebooks and the kernel's input history.</summary>
/// <remarks>The engine does not reference the course library, so it carries this small twin of DeepNlp.AtomicFile.</remarks>
public static class AtomicWrite
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM), creating its folder.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="content">The whole new content.</param>
    /// <exception cref="IOException">The folder or file cannot be written; the target is left as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write there; the target is left as it was.</exception>
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(content);
                stream.Write(bytes);
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
