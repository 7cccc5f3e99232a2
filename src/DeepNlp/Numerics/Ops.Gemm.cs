using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>General matrix multiply: C = op(A) · op(B), or C += op(A) · op(B) when <paramref name="accumulate"/>.</summary>
    /// <param name="transA">When true A is stored [k, m] and used transposed; otherwise A is [m, k].</param>
    /// <param name="transB">When true B is stored [n, k] and used transposed (the x·Wᵀ of a linear layer); otherwise B is [k, n].</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The shared inner dimension.</param>
    /// <param name="a">A, row-major, length m·k.</param>
    /// <param name="b">B, row-major, length k·n.</param>
    /// <param name="c">C [m, n], row-major.</param>
    /// <param name="accumulate">Add into C instead of overwriting it.</param>
    /// <remarks>
    /// For <see cref="float"/> this runs a cache-blocked kernel: panels of A and B are packed, an 8×32 (AVX-512) or
    /// 6×16 (AVX2) register tile is updated with fused multiply-adds, and large products are split over
    /// <see cref="MaxThreads"/> threads by rows or by columns. Other element types use a simple vectorised loop.
    /// <see cref="GemmReference{T}"/> is the scalar twin.
    /// </remarks>
    /// <exception cref="ArgumentException">A dimension is negative or a span is shorter than its shape.</exception>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"Negative GEMM dimension m={m}, n={n}, k={k}.", nameof(m));
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} elements, needs {(long)m * k} for [{m}, {k}].", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} elements, needs {(long)k * n} for [{k}, {n}].", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} elements, needs {(long)m * n} for [{m}, {n}].", nameof(c));
        if (typeof(T) == typeof(float))
        {
            GemmF32.Run(transA, transB, m, n, k,
                MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c), accumulate);
            return;
        }
        GemmGeneric(transA, transB, m, n, k, a, b, c, accumulate);
    }

    /// <summary>Largest number of threads a single kernel may use (default: the processor count).</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Scalar twin of <c>Gemm</c>: the textbook triple loop, for tests.</summary>
    public static void GemmReference<T>(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                    s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
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
