using System.Runtime.InteropServices;

namespace DeepNlp.NGrams;

/// <summary>A fixed-length array in native memory, for the large buffers that live only inside one step of building
/// a model: freed memory goes back to the system on <see cref="Dispose"/>, instead of staying on the process as
/// large-object-heap garbage until a full collection (peak memory is a goal of the course benchmark).</summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    /// <summary>Allocates <paramref name="length"/> elements, zeroed when <paramref name="zero"/>.</summary>
    public NativeBuffer(int length, bool zero = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        nuint bytes = (nuint)Math.Max(length, 1) * (nuint)sizeof(T);
        Pointer = (T*)(zero ? NativeMemory.AllocZeroed(bytes) : NativeMemory.Alloc(bytes));
    }

    /// <summary>The first element.</summary>
    public T* Pointer { get; private set; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements as a span.</summary>
    public Span<T> Span => new(Pointer, Length);

    /// <inheritdoc />
    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
