using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

/// <summary>A right-hand GEMM operand op(B) [k, n] packed once into the kernel's panel layout, for a weight that
/// multiplies many inputs in a row (W_hh at every time step).</summary>
/// <remarks>For <see cref="float"/> the panels are those of the blocked kernel, so a recurrent step skips packing
/// altogether; for other element types it keeps a plain copy. Create with <see cref="Ops.Pack{T}"/>; repacking into
/// the same instance reuses its memory. Packing copies, so pack again after the weight changes.</remarks>
public sealed class PackedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PackedMatrix(bool transposed, int k, int n, T[] data)
    {
        Transposed = transposed; K = k; N = n; Data = data;
    }

    /// <summary>Whether B was given transposed ([n, k] storage).</summary>
    public bool Transposed { get; internal set; }

    /// <summary>Inner dimension.</summary>
    public int K { get; internal set; }

    /// <summary>Columns.</summary>
    public int N { get; internal set; }

    internal T[] Data { get; set; }

    /// <summary>For float: Data holds op(B) as plain row-major [k, n] instead of the blocked kernel's panels (packed for
    /// products of fewer than four rows, which read it with a matrix-vector kernel: no padding to 32-wide panels).</summary>
    internal bool RowMajor { get; set; }
}

public static partial class Ops
{
    /// <summary>Packs op(B) [k, n] for repeated use by <see cref="Gemm{T}(bool, int, int, int, ReadOnlySpan{T}, PackedMatrix{T}, Span{T}, bool)"/>.</summary>
    /// <param name="transB">When true B is stored [n, k].</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="n">Columns of op(B).</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="reuse">A previous packing to overwrite (its memory is reused when large enough), or null.</param>
    /// <param name="rows">Rows of the A operands it will multiply, when known (a batch size): below four, float weights
    /// are kept row-major for a matrix-vector kernel instead of in panels. Any row count still works with either layout.</param>
    /// <exception cref="ArgumentException">B is shorter than k·n.</exception>
    public static PackedMatrix<T> Pack<T>(bool transB, int k, int n, ReadOnlySpan<T> b, PackedMatrix<T>? reuse = null, int rows = int.MaxValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} elements, needs {(long)k * n} for [{k}, {n}].", nameof(b));
        bool rowMajor = typeof(T) == typeof(float) && rows < 4 && SmallGemmF32.IsSupported && k <= SmallGemmF32.MaxSide && n <= SmallGemmF32.MaxSide;
        int length = typeof(T) == typeof(float) && !rowMajor ? GemmF32.PackedLength(k, n) : k * n;
        var data = reuse is not null && reuse.Data.Length >= length ? reuse.Data : new T[length];
        if (rowMajor) SmallGemmF32.PackRowMajor(transB, k, n, MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(data.AsSpan()));
        else if (typeof(T) == typeof(float)) GemmF32.PackAll(transB, k, n, MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(data.AsSpan()));
        else b[..(k * n)].CopyTo(data);
        if (reuse is null) return new PackedMatrix<T>(transB, k, n, data) { RowMajor = rowMajor };
        reuse.Transposed = transB; reuse.K = k; reuse.N = n; reuse.Data = data; reuse.RowMajor = rowMajor;
        return reuse;
    }

    /// <summary>C (+)= op(A) · B with B packed by <see cref="Pack{T}"/>.</summary>
    /// <exception cref="ArgumentException">The shapes disagree with the packing or a span is too short.</exception>
    public static void Gemm<T>(bool transA, int m, int n, int k, ReadOnlySpan<T> a, PackedMatrix<T> b, Span<T> c, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.K != k || b.N != n) throw new ArgumentException($"Packed B is [{b.K}, {b.N}], the product needs [{k}, {n}].", nameof(b));
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} elements, needs {(long)m * k} for [{m}, {k}].", nameof(a));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} elements, needs {(long)m * n} for [{m}, {n}].", nameof(c));
        if (typeof(T) == typeof(float) && b.RowMajor)
        {
            SmallGemmF32.RunRowMajor(transA, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b.Data.AsSpan()),
                MemoryMarshal.Cast<T, float>(c), accumulate);
            return;
        }
        if (typeof(T) == typeof(float))
        {
            GemmF32.Run(transA, false, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b.Data.AsSpan()),
                MemoryMarshal.Cast<T, float>(c), accumulate, bIsPacked: true);
            return;
        }
        GemmGeneric(transA, b.Transposed, m, n, k, a, b.Data, c, accumulate);
    }
}
