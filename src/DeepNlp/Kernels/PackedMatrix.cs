using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNlp.Kernels;

/// <summary>A right-hand GEMM operand op(B) [k, n] packed once into the kernel's panel layout, for a weight that
/// multiplies many inputs in a row (W_hh at every time step).</summary>
/// <remarks>For <see cref="float"/> the panels are those of the blocked kernel, so a recurrent step skips packing
/// altogether; for other element types it keeps a plain copy. Create with <see cref="DeepNlp.Numerics.Ops.Pack{T}"/>; repacking into
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
