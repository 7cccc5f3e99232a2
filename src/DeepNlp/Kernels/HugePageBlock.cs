using System.Runtime.InteropServices;

namespace DeepNlp.Kernels;

/// <summary>A block of native memory for tables read at random, backed by 2 MiB pages where the system allows it:
/// zero-filled, 64-byte aligned, freed when the block is collected.</summary>
/// <remarks>
/// A lookup in a table of a hundred megabytes touches a random 4 KiB page each time, and the processor's TLB holds
/// only a few thousand of them: most lookups then pay a page walk on top of the cache miss. On Linux the block is
/// mapped fresh and marked <c>MADV_HUGEPAGE</c> before it is touched, so that with transparent huge pages set to
/// "madvise" (or "always") the kernel backs it with 2 MiB pages; KenLM does the same for its tables. Elsewhere, or when
/// the kernel refuses, it is ordinary memory and only slower.
/// </remarks>
internal sealed unsafe class HugePageBlock
{
    private const nuint HugePage = 2 << 20;
    private readonly void* _mapping;
    private readonly nuint _mappedBytes;
    private readonly bool _mapped;

    /// <summary>Allocates <paramref name="bytes"/> bytes, zero-filled.</summary>
    /// <exception cref="OutOfMemoryException">The memory cannot be had.</exception>
    public HugePageBlock(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Bytes = (nuint)Math.Max(bytes, 64);
        if (OperatingSystem.IsLinux())
        {
            // Over-map by one huge page so the start can be moved to a 2 MiB boundary.
            _mappedBytes = Bytes + HugePage;
            var mapping = Mmap(null, _mappedBytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (mapping != MapFailed)
            {
                _mapping = (void*)mapping;
                _mapped = true;
                Pointer = (void*)(((nuint)mapping + HugePage - 1) & ~(HugePage - 1));
                Madvise(Pointer, (Bytes + HugePage - 1) & ~(HugePage - 1), MadvHugePage);   // advice only: a refusal changes nothing
            }
        }
        if (!_mapped)
        {
            _mapping = NativeMemory.AlignedAlloc(Bytes, 64);
            NativeMemory.Clear(_mapping, Bytes);
            Pointer = _mapping;
        }
        GC.AddMemoryPressure((long)Bytes);
    }

    /// <summary>The first byte (64-byte aligned; 2 MiB aligned on Linux).</summary>
    public void* Pointer { get; }

    /// <summary>Usable bytes from <see cref="Pointer"/>.</summary>
    public nuint Bytes { get; }

    /// <summary>Frees the memory once the block is unreachable (its owner must keep it alive while it uses the pointer).</summary>
    ~HugePageBlock()
    {
        if (_mapped) Munmap(_mapping, _mappedBytes);
        else NativeMemory.AlignedFree(_mapping);
        GC.RemoveMemoryPressure((long)Bytes);
    }

    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, MadvHugePage = 14;
    private static readonly nint MapFailed = -1;

    [DllImport("libc", EntryPoint = "mmap")]
    private static extern nint Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int Munmap(void* address, nuint length);

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(void* address, nuint length, int advice);
}
