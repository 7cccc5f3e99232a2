using System.Numerics;
using System.Runtime.InteropServices;
using DeepNlp.Kernels;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>General matrix multiply: C = op(A) · op(B), or C += op(A) · op(B) when <paramref name="accumulate"/>.</summary>
    /// <param name="a">A, row-major: [m, k], or [k, m] when <paramref name="transposeA"/>.</param>
    /// <param name="b">B, row-major: [k, n], or [n, k] when <paramref name="transposeB"/> (the x·Wᵀ of a linear layer).</param>
    /// <param name="c">C [m, n], row-major.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The shared inner dimension.</param>
    /// <param name="transposeA">Use A transposed: A is stored [k, m].</param>
    /// <param name="transposeB">Use B transposed: B is stored [n, k].</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    /// <remarks>
    /// C_ij (+)= Σ_p op(A)_ip op(B)_pj. The one dispatch to the fast tier: for <see cref="float"/> this runs
    /// <c>Kernels/GemmF32</c> (packed panels, an 8×32 (AVX-512) or 6×16 (AVX2) register tile of fused multiply-adds,
    /// large products split over <see cref="MaxThreads"/> threads), small products <c>Kernels/SmallGemmF32</c>. Other
    /// element types use a plain vectorised loop. <see cref="GemmReference{T}"/> is the scalar twin the tests compare with.
    /// </remarks>
    /// <exception cref="ArgumentException">A dimension is negative or a span is shorter than its shape.</exception>
    public static void Gemm<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"Negative GEMM dimension m={m}, n={n}, k={k}.", nameof(m));
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} elements, needs {(long)m * k} for [{m}, {k}].", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} elements, needs {(long)k * n} for [{k}, {n}].", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} elements, needs {(long)m * n} for [{m}, {n}].", nameof(c));
        if (typeof(T) == typeof(float))
        {
            GemmF32.Run(transposeA, transposeB, m, n, k,
                MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c), accumulate);
            return;
        }
        GemmGeneric(transposeA, transposeB, m, n, k, a, b, c, accumulate);
    }

    /// <summary>C (+)= op(A) · B with B packed once by <see cref="Pack{T}"/> (a weight that multiplies many inputs in a row).</summary>
    /// <param name="a">A, row-major: [m, k], or [k, m] when <paramref name="transposeA"/>.</param>
    /// <param name="b">op(B) [k, n], packed.</param>
    /// <param name="c">C [m, n], row-major.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The shared inner dimension.</param>
    /// <param name="transposeA">Use A transposed: A is stored [k, m].</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    /// <remarks>The same product as <see cref="Gemm{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int, bool, bool, bool)"/>;
    /// whether B was transposed was fixed when it was packed.</remarks>
    /// <exception cref="ArgumentException">The shapes disagree with the packing or a span is too short.</exception>
    public static void Gemm<T>(ReadOnlySpan<T> a, PackedMatrix<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.K != k || b.N != n) throw new ArgumentException($"Packed B is [{b.K}, {b.N}], the product needs [{k}, {n}].", nameof(b));
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} elements, needs {(long)m * k} for [{m}, {k}].", nameof(a));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} elements, needs {(long)m * n} for [{m}, {n}].", nameof(c));
        if (typeof(T) == typeof(float) && b.RowMajor)
        {
            SmallGemmF32.RunRowMajor(transposeA, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b.Data.AsSpan()),
                MemoryMarshal.Cast<T, float>(c), accumulate);
            return;
        }
        if (typeof(T) == typeof(float))
        {
            GemmF32.Run(transposeA, false, m, n, k, MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b.Data.AsSpan()),
                MemoryMarshal.Cast<T, float>(c), accumulate, bIsPacked: true);
            return;
        }
        GemmGeneric(transposeA, b.Transposed, m, n, k, a, b.Data, c, accumulate);
    }

    /// <summary>Packs op(B) [k, n] for repeated use by the packed <c>Gemm</c> overload.</summary>
    /// <param name="b">B, row-major: [k, n], or [n, k] when <paramref name="transposeB"/>.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="n">Columns of op(B).</param>
    /// <param name="transposeB">Use B transposed: B is stored [n, k].</param>
    /// <param name="reuse">A previous packing to overwrite (its memory is reused when large enough), or null.</param>
    /// <param name="rows">Rows of the A operands it will multiply, when known (a batch size): below four, float weights
    /// are kept row-major for a matrix-vector kernel instead of in panels. Any row count still works with either layout.</param>
    /// <returns>The packing (<paramref name="reuse"/> when given).</returns>
    /// <remarks>Packing copies, so pack again after the weight changes.</remarks>
    /// <exception cref="ArgumentException">B is shorter than k·n.</exception>
    public static PackedMatrix<T> Pack<T>(ReadOnlySpan<T> b, int k, int n, bool transposeB = false, PackedMatrix<T>? reuse = null, int rows = int.MaxValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} elements, needs {(long)k * n} for [{k}, {n}].", nameof(b));
        bool rowMajor = typeof(T) == typeof(float) && rows < 4 && SmallGemmF32.RowMajorSupported && k <= SmallGemmF32.MaxSide && n <= SmallGemmF32.MaxSide;
        int length = typeof(T) == typeof(float) && !rowMajor ? GemmF32.PackedLength(k, n) : k * n;
        var data = reuse is not null && reuse.Data.Length >= length ? reuse.Data : new T[length];
        if (rowMajor) SmallGemmF32.PackRowMajor(transposeB, k, n, MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(data.AsSpan()));
        else if (typeof(T) == typeof(float)) GemmF32.PackAll(transposeB, k, n, MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(data.AsSpan()));
        else b[..(k * n)].CopyTo(data);
        if (reuse is null) return new PackedMatrix<T>(transposeB, k, n, data) { RowMajor = rowMajor };
        reuse.Transposed = transposeB; reuse.K = k; reuse.N = n; reuse.Data = data; reuse.RowMajor = rowMajor;
        return reuse;
    }

    /// <summary>Largest number of threads a single kernel may use (default: the processor count; 1 in the browser, where
    /// .NET WebAssembly has no threads to fork onto).</summary>
    public static int MaxThreads { get; set; } = OperatingSystem.IsBrowser() ? 1 : Environment.ProcessorCount;

    /// <summary>Scalar twin of <c>Gemm</c>: the textbook triple loop, for tests.</summary>
    /// <param name="a">A, as for <c>Gemm</c>.</param>
    /// <param name="b">B, as for <c>Gemm</c>.</param>
    /// <param name="c">C [m, n].</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The shared inner dimension.</param>
    /// <param name="transposeA">Use A transposed: A is stored [k, m].</param>
    /// <param name="transposeB">Use B transposed: B is stored [n, k].</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    public static void GemmReference<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = accumulate ? c[i * n + j] + s : s;
            }
    }

    private static void GemmGeneric<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) c[..(m * n)].Clear();
        var aRow = transA ? new T[k] : null;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> ai;
            if (transA)
            {
                for (int p = 0; p < k; p++) aRow![p] = a[p * m + i];
                ai = aRow;
            }
            else ai = a.Slice(i * k, k);
            var ci = c.Slice(i * n, n);
            if (transB)
            {
                for (int j = 0; j < n; j++) ci[j] += Dot(ai, b.Slice(j * k, k));
            }
            else
            {
                for (int p = 0; p < k; p++)
                    if (ai[p] != T.Zero) Axpy(ai[p], b.Slice(p * n, n), ci);
            }
        }
    }
}
