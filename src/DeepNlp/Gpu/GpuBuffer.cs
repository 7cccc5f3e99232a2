using ILGPU;
using ILGPU.Runtime;

namespace DeepNlp.Gpu;

/// <summary>A one-dimensional array in accelerator memory, owned by the caller and released by <see cref="Dispose"/>.</summary>
/// <typeparam name="T">Element type (float for tensors, int for token ids).</typeparam>
/// <remarks>
/// Matrices are stored row-major, batch first, exactly like the CPU side, so uploading a <c>float[]</c> holding a
/// <c>[rows, cols]</c> matrix gives the same layout on the device. A buffer converts implicitly to an ILGPU
/// <see cref="ArrayView{T}"/>, which is what kernels take; <see cref="Slice"/> gives a view of a part without copying.
/// </remarks>
public sealed class GpuBuffer<T> : IDisposable where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;
    private readonly Accelerator _accelerator;
    private bool _disposed;

    internal GpuBuffer(Accelerator accelerator, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _accelerator = accelerator;
        // ILGPU refuses zero-length allocations on some back ends; one spare element keeps empty buffers legal.
        _buffer = accelerator.Allocate1D<T>(Math.Max(length, 1));
        Length = length;
        _buffer.MemSetToZero();
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The whole buffer as a view that kernels accept.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public ArrayView<T> View
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _buffer.View.SubView(0, Length);
        }
    }

    /// <summary>A view of <paramref name="length"/> elements starting at <paramref name="offset"/> (no copy).</summary>
    /// <param name="offset">First element.</param>
    /// <param name="length">Number of elements.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the buffer.</exception>
    public ArrayView<T> Slice(int offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Slice [{offset}, {offset + length}) is outside a buffer of {Length} elements.");
        return View.SubView(offset, length);
    }

    /// <summary>Copies host data into the buffer (blocking).</summary>
    /// <param name="source">Exactly <see cref="Length"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> has the wrong length.</exception>
    public void Upload(ReadOnlySpan<T> source)
    {
        if (source.Length != Length)
            throw new ArgumentException($"Expected {Length} elements, got {source.Length}.", nameof(source));
        if (Length > 0) _buffer.View.SubView(0, Length).CopyFromCPU(_accelerator.DefaultStream, source);
    }

    /// <summary>Copies the buffer into host memory (blocking; waits for queued kernels).</summary>
    /// <param name="destination">Exactly <see cref="Length"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Download(Span<T> destination)
    {
        if (destination.Length != Length)
            throw new ArgumentException($"Expected {Length} elements, got {destination.Length}.", nameof(destination));
        if (Length > 0) _buffer.View.SubView(0, Length).CopyToCPU(_accelerator.DefaultStream, destination);
    }

    /// <summary>Copies the buffer into a new host array (blocking).</summary>
    /// <returns>The contents, <see cref="Length"/> elements.</returns>
    public T[] ToArray()
    {
        var result = new T[Length];
        Download(result);
        return result;
    }

    /// <summary>Sets every element to zero on the device.</summary>
    public void Clear() => _buffer.MemSetToZero();

    /// <summary>The whole buffer as a kernel argument.</summary>
    /// <param name="buffer">The buffer.</param>
    public static implicit operator ArrayView<T>(GpuBuffer<T> buffer) => buffer.View;

    /// <summary>Releases the device memory.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _buffer.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"GpuBuffer<{typeof(T).Name}>[{Length}]";
}
