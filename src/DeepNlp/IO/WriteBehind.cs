using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DeepNlp;

/// <summary>Asks the kernel to start writing a file's data to disk while the program goes on producing the rest, so
/// that the flush to disk at the end of an atomic write (<see cref="AtomicFile"/>) waits only for the last part.</summary>
/// <remarks>Linux only (<c>sync_file_range</c> with <c>SYNC_FILE_RANGE_WRITE</c>: start write-out of the dirty pages,
/// do not wait for it); elsewhere, or for a stream that is not a file, it does nothing. It changes when the bytes
/// reach the disk, never which bytes.</remarks>
internal static class WriteBehind
{
    private const uint SyncFileRangeWrite = 2;
    private static volatile bool _unavailable;

    /// <summary>Hands what <paramref name="stream"/> holds so far to the kernel and starts its write-out.</summary>
    public static void Start(Stream stream)
    {
        if (_unavailable || !OperatingSystem.IsLinux() || stream is not FileStream file) return;
        file.Flush(flushToDisk: false);
        try
        {
            // 0, 0: the whole file; pages already written out or under write-out are skipped.
            _ = SyncFileRange(file.SafeFileHandle, 0, 0, SyncFileRangeWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "sync_file_range")]
    private static extern int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
