using DeepNlp.Numerics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Kernels;

/// <summary>Float32 products too small for the packed, blocked <see cref="GemmF32"/>: the per-sequence products of a batch-1
/// recurrent model ([25, 100] · [100, 100], its weight gradients over 25 steps) and the matrix-vector products of one step.</summary>
/// <remarks>
/// At these sizes packing A and B and padding to 8×32 register tiles cost as much as the arithmetic. Here A is read in
/// place (a broadcast per element, whatever its layout), B [k, n] row-major is read in place with a masked last vector
/// (a transposed B is first transposed into a scratch buffer with 8×8 AVX blocks), and C is updated in 4-row × 64-column
/// register tiles. The matrix-vector kernel for one or a few rows reads B in <see cref="GemmF32"/>'s packed panels, four
/// panels at a time, so eight independent accumulators keep the FMA units busy instead of waiting on one chain.
/// Needs AVX-512, except the row-major matrix-vector kernel, which has an AVX2+FMA twin (<see cref="RowMajorSupported"/>):
/// batch-1 recurrences on AVX2 machines read their weights row-major too. <see cref="GemmF32"/> keeps the other paths.
/// </remarks>
internal static unsafe class SmallGemmF32
{
    private const long MaxWork = 1L << 18;
    public const int MaxSide = 512;

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Whether <see cref="PackRowMajor"/> and <see cref="RunRowMajor"/> run here: AVX-512, or AVX2 with FMA.</summary>
    public static bool RowMajorSupported => IsSupported || (Avx2.IsSupported && Fma.IsSupported);

    [ThreadStatic] private static float[]? _transposed;

    /// <summary>Whether a product of this shape is better served here than by the blocked kernel.</summary>
    public static bool Handles(int m, int n, int k) =>
        IsSupported && (long)m * n * k <= MaxWork && n <= MaxSide && k <= MaxSide;

    /// <summary>C += op(A) · op(B); C was already cleared by the caller when not accumulating.</summary>
    public static void Run(bool ta, bool tb, int m, int n, int k, float* a, float* b, float* c)
    {
        // One-hot operands (LanguageModelConfig.OneHotInput: x_t = e_w) are mostly zeros: W_ih x_t is a column of W_ih, and
        // ∂W_ih += ∂z_t x_tᵀ touches one column. Skipping exact zeros leaves every sum as it was (0·b adds nothing).
        if (!ta && IsSparse(a, m * k))
        {
            SparseRowsOfA(m, n, k, a, tb ? Transposed(b, n, k) : b, c);
            return;
        }
        if (ta && !tb && IsSparse(b, k * n))
        {
            SparseRowsOfB(m, n, k, a, b, c);
            return;
        }
        if (tb)
        {
            // op(B) = Bᵀ with B stored [n, k]: one transposition into [k, n] costs k·n moves against m·k·n multiply-adds.
            Tiles(ta, m, n, k, a, Transposed(b, n, k), c);
        }
        else Tiles(ta, m, n, k, a, b, c);
    }

    // At most one element in eight non-zero: a cheap look at the first 256 elements rejects dense operands.
    private static bool IsSparse(float* x, int length)
    {
        int probe = Math.Min(length, 256), i = 0, nonZero = 0;
        for (; i <= probe - 16; i += 16) nonZero += BitOperations.PopCount(Vector512.Equals(Vector512.Load(x + i), Vector512<float>.Zero).ExtractMostSignificantBits() ^ 0xFFFFu);
        if (nonZero * 8 > i) return false;
        for (; i <= length - 16; i += 16) nonZero += BitOperations.PopCount(Vector512.Equals(Vector512.Load(x + i), Vector512<float>.Zero).ExtractMostSignificantBits() ^ 0xFFFFu);
        for (; i < length; i++) if (x[i] != 0) nonZero++;
        return nonZero * 8 <= length;
    }

    // C [m, n] += A [m, k] · B [k, n] for a sparse A: each non-zero A[i, p] adds A[i, p]·B[p, :] to row i (in order of p).
    private static void SparseRowsOfA(int m, int n, int k, float* a, float* b, float* c)
    {
        for (int i = 0; i < m; i++)
        {
            float* ai = a + (long)i * k;
            var ci = new Span<float>(c + (long)i * n, n);
            for (int p = 0; p < k; p++)
                if (ai[p] != 0) System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<float>(b + (long)p * n, n), ai[p], ci, ci);
        }
    }

    // C [m, n] += Aᵀ · B with A stored [k, m] and a sparse B [k, n]: each non-zero B[p, j] adds B[p, j]·A[p, :] to column j.
    private static void SparseRowsOfB(int m, int n, int k, float* a, float* b, float* c)
    {
        for (int p = 0; p < k; p++)
        {
            float* bp = b + (long)p * n, ap = a + (long)p * m;
            for (int j = 0; j < n; j++)
            {
                float v = bp[j];
                if (v == 0) continue;
                for (int i = 0; i < m; i++) c[(long)i * n + j] += ap[i] * v;
            }
        }
    }

    /// <summary>Bᵀ [k, n] of B [n, k] (n, k ≤ 512) in this thread's pinned scratch buffer, valid until the next call.</summary>
    public static float* Transposed(float* b, int n, int k)
    {
        if (n > MaxSide || k > MaxSide) throw new ArgumentOutOfRangeException(nameof(n), $"[{n}, {k}] exceeds the scratch buffer.");
        var scratch = _transposed ??= GC.AllocateArray<float>(MaxSide * MaxSide, pinned: true);
        float* bt = (float*)Unsafe.AsPointer(ref scratch[0]);   // pinned for the life of the thread
        Transpose(b, n, k, k, bt, n);
        return bt;
    }

    // C [m, n] += op(A) [m, k] · B [k, n] in tiles of up to 4 rows × 4 vectors (64 columns). The edge tiles get kernels
    // specialised to their row and vector counts, so a 25 × 65 product does no work on padding rows or empty vectors.
    private static void Tiles(bool ta, int m, int n, int k, float* a, float* b, float* c)
    {
        long rowStride = ta ? 1 : k, colStride = ta ? m : 1;
        for (int j = 0; j < n; j += 64)
        {
            int cols = Math.Min(64, n - j), vectors = (cols + 15) / 16;
            var t = new Tile(VectorF32.TailMask(cols), VectorF32.TailMask(cols - 16), VectorF32.TailMask(cols - 32), VectorF32.TailMask(cols - 48));
            for (int i = 0; i < m; i += 4)
            {
                int rows = Math.Min(4, m - i);
                float* a0 = a + i * rowStride, cc = c + (long)i * n + j, bj = b + j;
                switch (rows * 8 + vectors)
                {
                    case 4 * 8 + 4: Kernel<N4, N4>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 4 * 8 + 3: Kernel<N4, N3>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 4 * 8 + 2: Kernel<N4, N2>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 4 * 8 + 1: Kernel<N4, N1>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 3 * 8 + 4: Kernel<N3, N4>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 3 * 8 + 3: Kernel<N3, N3>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 3 * 8 + 2: Kernel<N3, N2>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 3 * 8 + 1: Kernel<N3, N1>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 2 * 8 + 4: Kernel<N2, N4>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 2 * 8 + 3: Kernel<N2, N3>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 2 * 8 + 2: Kernel<N2, N2>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 2 * 8 + 1: Kernel<N2, N1>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 1 * 8 + 4: Kernel<N1, N4>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 1 * 8 + 3: Kernel<N1, N3>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    case 1 * 8 + 2: Kernel<N1, N2>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                    default: Kernel<N1, N1>(k, a0, rowStride, colStride, bj, n, cc, n, t); break;
                }
            }
        }
    }

    private readonly record struct Tile(Vector512<float> M0, Vector512<float> M1, Vector512<float> M2, Vector512<float> M3);

    // Compile-time counts: the JIT specialises Kernel per struct type argument and drops the branches on them.
    private interface ICount { static abstract int Value { get; } }
    private readonly struct N1 : ICount { public static int Value => 1; }
    private readonly struct N2 : ICount { public static int Value => 2; }
    private readonly struct N3 : ICount { public static int Value => 3; }
    private readonly struct N4 : ICount { public static int Value => 4; }
    private readonly struct N5 : ICount { public static int Value => 5; }
    private readonly struct N6 : ICount { public static int Value => 6; }
    private readonly struct N7 : ICount { public static int Value => 7; }
    private readonly struct N8 : ICount { public static int Value => 8; }

    // R rows × V vectors of C += Σ_p A(i, p) B[p, :], the accumulators held in registers for the whole of k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<R, V>(int k, float* a, long rs, long cs, float* b, int ldb, float* c, int ldc, in Tile t)
        where R : struct, ICount where V : struct, ICount
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> b0, b1 = default, b2 = default, b3 = default, zero = Vector512<float>.Zero;
        Vector512<float> m0 = t.M0, m1 = t.M1, m2 = t.M2, m3 = t.M3;
        float* a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (int p = 0; p < k; p++)
        {
            float* bp = b + (long)p * ldb;
            b0 = Avx512F.MaskLoad(bp, m0, zero);
            if (V.Value > 1) b1 = Avx512F.MaskLoad(bp + 16, m1, zero);
            if (V.Value > 2) b2 = Avx512F.MaskLoad(bp + 32, m2, zero);
            if (V.Value > 3) b3 = Avx512F.MaskLoad(bp + 48, m3, zero);
            long o = p * cs;
            var x = Vector512.Create(a[o]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            if (V.Value > 1) c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            if (V.Value > 2) c02 = Vector512.FusedMultiplyAdd(x, b2, c02);
            if (V.Value > 3) c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            if (R.Value > 1)
            {
                x = Vector512.Create(a1[o]);
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                if (V.Value > 1) c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                if (V.Value > 2) c12 = Vector512.FusedMultiplyAdd(x, b2, c12);
                if (V.Value > 3) c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            }
            if (R.Value > 2)
            {
                x = Vector512.Create(a2[o]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                if (V.Value > 1) c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                if (V.Value > 2) c22 = Vector512.FusedMultiplyAdd(x, b2, c22);
                if (V.Value > 3) c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            }
            if (R.Value > 3)
            {
                x = Vector512.Create(a3[o]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                if (V.Value > 1) c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                if (V.Value > 2) c32 = Vector512.FusedMultiplyAdd(x, b2, c32);
                if (V.Value > 3) c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
            }
        }
        AddRow<V>(c, c00, c01, c02, c03, t);
        if (R.Value > 1) AddRow<V>(c + ldc, c10, c11, c12, c13, t);
        if (R.Value > 2) AddRow<V>(c + 2L * ldc, c20, c21, c22, c23, t);
        if (R.Value > 3) AddRow<V>(c + 3L * ldc, c30, c31, c32, c33, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<V>(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, in Tile t)
        where V : struct, ICount
    {
        var zero = Vector512<float>.Zero;
        Avx512F.MaskStore(c, t.M0, Avx512F.MaskLoad(c, t.M0, zero) + v0);
        if (V.Value > 1) Avx512F.MaskStore(c + 16, t.M1, Avx512F.MaskLoad(c + 16, t.M1, zero) + v1);
        if (V.Value > 2) Avx512F.MaskStore(c + 32, t.M2, Avx512F.MaskLoad(c + 32, t.M2, zero) + v2);
        if (V.Value > 3) Avx512F.MaskStore(c + 48, t.M3, Avx512F.MaskLoad(c + 48, t.M3, zero) + v3);
    }

    /// <summary>op(B) [k, n] as plain row-major floats: a copy, or an 8×8-block transposition of B stored [n, k].</summary>
    public static void PackRowMajor(bool tb, int k, int n, ReadOnlySpan<float> b, Span<float> dst)
    {
        if (!tb) { b[..(k * n)].CopyTo(dst); return; }
        fixed (float* pb = b, pd = dst) Transpose(pb, n, k, k, pd, n);
    }

    /// <summary>C (+)= op(A) · B with B row-major [k, n] (from <see cref="PackRowMajor"/>): the matrix-vector kernel for
    /// fewer than four rows, register tiles otherwise (AVX-512; on AVX2 every row takes the matrix-vector kernel).</summary>
    /// <remarks>Every path sums each column of C as one chain over p from zero and then adds it to C, so AVX-512 tiles, the
    /// AVX-512 and AVX2 matrix-vector kernels and the packed-panel kernels give the same floats.</remarks>
    public static void RunRowMajor(bool ta, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate)
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (m == 0 || n == 0 || k == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            if (!IsSupported) { RowsAvx2(ta, m, n, k, pa, pb, pc); return; }
            if (m >= 4) { Tiles(ta, m, n, k, pa, pb, pc); return; }
            long xs = ta ? m : 1;
            for (int i = 0; i < m; i++)
            {
                float* x = ta ? pa + i : pa + (long)i * k, ci = pc + (long)i * n;
                for (int j = 0; j < n; j += 128)
                {
                    int cols = Math.Min(128, n - j);
                    switch ((cols + 15) / 16)
                    {
                        case 8: RowGemv<N8>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 7: RowGemv<N7>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 6: RowGemv<N6>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 5: RowGemv<N5>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 4: RowGemv<N4>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 3: RowGemv<N3>(k, x, xs, pb + j, n, ci + j, cols); break;
                        case 2: RowGemv<N2>(k, x, xs, pb + j, n, ci + j, cols); break;
                        default: RowGemv<N1>(k, x, xs, pb + j, n, ci + j, cols); break;
                    }
                }
            }
        }
    }

    /// <summary>The AVX2 body of <see cref="RunRowMajor"/> (C += op(A) · B, C already cleared when not accumulating): every
    /// row through the matrix-vector kernel, 64 columns at a time. Internal so that tests can run it on an AVX-512 machine.</summary>
    internal static void RowsAvx2(bool ta, int m, int n, int k, float* a, float* b, float* c)
    {
        long xs = ta ? m : 1;
        for (int i = 0; i < m; i++)
            RowGemv8(k, ta ? a + i : a + (long)i * k, xs, b, n, c + (long)i * n);
    }

    // One row of C [n] += x · B for B row-major [k, n] on AVX2: 64 columns at a time.
    private static void RowGemv8(int k, float* x, long xs, float* b, int n, float* c)
    {
        for (int j = 0; j < n; j += 64)
        {
            int cols = Math.Min(64, n - j);
            switch ((cols + 7) / 8)
            {
                case 8: RowGemv8<N8>(k, x, xs, b + j, n, c + j, cols); break;
                case 7: RowGemv8<N7>(k, x, xs, b + j, n, c + j, cols); break;
                case 6: RowGemv8<N6>(k, x, xs, b + j, n, c + j, cols); break;
                case 5: RowGemv8<N5>(k, x, xs, b + j, n, c + j, cols); break;
                case 4: RowGemv8<N4>(k, x, xs, b + j, n, c + j, cols); break;
                case 3: RowGemv8<N3>(k, x, xs, b + j, n, c + j, cols); break;
                case 2: RowGemv8<N2>(k, x, xs, b + j, n, c + j, cols); break;
                default: RowGemv8<N1>(k, x, xs, b + j, n, c + j, cols); break;
            }
        }
    }

    // The AVX2 twin of RowGemv: c[0, cols) += Σ_p x[p·xs] · B[p, 0..cols) for up to 8 vectors of 8 (64 columns), the last
    // one masked (vmaskmovps): V independent chains, 8 accumulators + 1 broadcast of the 16 YMM registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowGemv8<V>(int k, float* x, long xs, float* b, int ldb, float* c, int cols) where V : struct, ICount
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        var last = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(cols - 8 * (V.Value - 1))).AsSingle();
        for (int p = 0; p < k; p++)
        {
            var v = Vector256.Create(x[p * xs]);
            float* r = b + (long)p * ldb;
            s0 = Vector256.FusedMultiplyAdd(v, V.Value == 1 ? Avx.MaskLoad(r, last) : Vector256.Load(r), s0);
            if (V.Value > 1) s1 = Vector256.FusedMultiplyAdd(v, V.Value == 2 ? Avx.MaskLoad(r + 8, last) : Vector256.Load(r + 8), s1);
            if (V.Value > 2) s2 = Vector256.FusedMultiplyAdd(v, V.Value == 3 ? Avx.MaskLoad(r + 16, last) : Vector256.Load(r + 16), s2);
            if (V.Value > 3) s3 = Vector256.FusedMultiplyAdd(v, V.Value == 4 ? Avx.MaskLoad(r + 24, last) : Vector256.Load(r + 24), s3);
            if (V.Value > 4) s4 = Vector256.FusedMultiplyAdd(v, V.Value == 5 ? Avx.MaskLoad(r + 32, last) : Vector256.Load(r + 32), s4);
            if (V.Value > 5) s5 = Vector256.FusedMultiplyAdd(v, V.Value == 6 ? Avx.MaskLoad(r + 40, last) : Vector256.Load(r + 40), s5);
            if (V.Value > 6) s6 = Vector256.FusedMultiplyAdd(v, V.Value == 7 ? Avx.MaskLoad(r + 48, last) : Vector256.Load(r + 48), s6);
            if (V.Value > 7) s7 = Vector256.FusedMultiplyAdd(v, Avx.MaskLoad(r + 56, last), s7);
        }
        var all = Vector256<float>.AllBitsSet;
        Accumulate(c, s0, V.Value == 1 ? last : all);
        if (V.Value > 1) Accumulate(c + 8, s1, V.Value == 2 ? last : all);
        if (V.Value > 2) Accumulate(c + 16, s2, V.Value == 3 ? last : all);
        if (V.Value > 3) Accumulate(c + 24, s3, V.Value == 4 ? last : all);
        if (V.Value > 4) Accumulate(c + 32, s4, V.Value == 5 ? last : all);
        if (V.Value > 5) Accumulate(c + 40, s5, V.Value == 6 ? last : all);
        if (V.Value > 6) Accumulate(c + 48, s6, V.Value == 7 ? last : all);
        if (V.Value > 7) Accumulate(c + 56, s7, last);

        static void Accumulate(float* c, Vector256<float> v, Vector256<float> mask) => Avx.MaskStore(c, mask, Avx.MaskLoad(c, mask) + v);
    }

    // c[0, cols) += Σ_p x[p·xs] · B[p, 0..cols) for up to 8 vectors (128 columns), the last one masked: V independent
    // accumulator chains over one contiguous stream of B's rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowGemv<V>(int k, float* x, long xs, float* b, int ldb, float* c, int cols) where V : struct, ICount
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        var zero = Vector512<float>.Zero;
        var last = VectorF32.TailMask(cols - 16 * (V.Value - 1));
        for (int p = 0; p < k; p++)
        {
            var v = Vector512.Create(x[p * xs]);
            float* r = b + (long)p * ldb;
            s0 = Vector512.FusedMultiplyAdd(v, V.Value == 1 ? Avx512F.MaskLoad(r, last, zero) : Vector512.Load(r), s0);
            if (V.Value > 1) s1 = Vector512.FusedMultiplyAdd(v, V.Value == 2 ? Avx512F.MaskLoad(r + 16, last, zero) : Vector512.Load(r + 16), s1);
            if (V.Value > 2) s2 = Vector512.FusedMultiplyAdd(v, V.Value == 3 ? Avx512F.MaskLoad(r + 32, last, zero) : Vector512.Load(r + 32), s2);
            if (V.Value > 3) s3 = Vector512.FusedMultiplyAdd(v, V.Value == 4 ? Avx512F.MaskLoad(r + 48, last, zero) : Vector512.Load(r + 48), s3);
            if (V.Value > 4) s4 = Vector512.FusedMultiplyAdd(v, V.Value == 5 ? Avx512F.MaskLoad(r + 64, last, zero) : Vector512.Load(r + 64), s4);
            if (V.Value > 5) s5 = Vector512.FusedMultiplyAdd(v, V.Value == 6 ? Avx512F.MaskLoad(r + 80, last, zero) : Vector512.Load(r + 80), s5);
            if (V.Value > 6) s6 = Vector512.FusedMultiplyAdd(v, V.Value == 7 ? Avx512F.MaskLoad(r + 96, last, zero) : Vector512.Load(r + 96), s6);
            if (V.Value > 7) s7 = Vector512.FusedMultiplyAdd(v, Avx512F.MaskLoad(r + 112, last, zero), s7);
        }
        Accumulate(c, s0, V.Value == 1 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 1) Accumulate(c + 16, s1, V.Value == 2 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 2) Accumulate(c + 32, s2, V.Value == 3 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 3) Accumulate(c + 48, s3, V.Value == 4 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 4) Accumulate(c + 64, s4, V.Value == 5 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 5) Accumulate(c + 80, s5, V.Value == 6 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 6) Accumulate(c + 96, s6, V.Value == 7 ? last : Vector512<float>.AllBitsSet);
        if (V.Value > 7) Accumulate(c + 112, s7, last);

        static void Accumulate(float* c, Vector512<float> v, Vector512<float> mask) =>
            Avx512F.MaskStore(c, mask, Avx512F.MaskLoad(c, mask, Vector512<float>.Zero) + v);
    }

    /// <summary>C [m, n] += op(A) · B for m &lt; 4 with B in <see cref="GemmF32"/>'s packed panels (all k in slices of
    /// <paramref name="kc"/>, panels <paramref name="nr"/> = 32 wide): one row at a time, four panels per pass.</summary>
    public static void PackedRows(bool ta, int m, int n, int k, float* a, float* bp, float* c, int kc, int nr)
    {
        int padded = (n + nr - 1) / nr * nr;
        float* acc = stackalloc float[128];
        for (int i = 0; i < m; i++)
            for (int q = 0; q * nr < n; q += 4)
            {
                int cols = Math.Min(4 * nr, n - q * nr);
                new Span<float>(acc, 128).Clear();
                for (int pc = 0; pc < k; pc += kc)
                {
                    int kk = Math.Min(kc, k - pc);
                    float* panel = bp + (long)pc * padded + (long)q * nr * kk;
                    float* x = ta ? a + (long)pc * m + i : a + (long)i * k + pc;
                    long xs = ta ? m : 1;
                    // Only the 16-wide vectors that hold real columns: n = 100 needs 7 of the group's 8.
                    switch ((cols + 15) / 16)
                    {
                        case 8: PanelGroup<N8>(kk, x, xs, panel, nr * kk, acc); break;
                        case 7: PanelGroup<N7>(kk, x, xs, panel, nr * kk, acc); break;
                        case 6: PanelGroup<N6>(kk, x, xs, panel, nr * kk, acc); break;
                        case 5: PanelGroup<N5>(kk, x, xs, panel, nr * kk, acc); break;
                        case 4: PanelGroup<N4>(kk, x, xs, panel, nr * kk, acc); break;
                        case 3: PanelGroup<N3>(kk, x, xs, panel, nr * kk, acc); break;
                        case 2: PanelGroup<N2>(kk, x, xs, panel, nr * kk, acc); break;
                        default: PanelGroup<N1>(kk, x, xs, panel, nr * kk, acc); break;
                    }
                }
                float* crow = c + (long)i * n + q * nr;
                int j = 0;
                for (; j <= cols - 16; j += 16) (Vector512.Load(crow + j) + Vector512.Load(acc + j)).Store(crow + j);
                for (; j < cols; j++) crow[j] += acc[j];
            }
    }

    // acc[0, 16·V) += Σ_p x[p·xs] · (row p of up to four 32-wide panels, panelSize apart): V independent accumulator chains.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelGroup<V>(int k, float* x, long xs, float* p0, int panelSize, float* acc) where V : struct, ICount
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        float* p1 = p0 + panelSize, p2 = p1 + panelSize, p3 = p2 + panelSize;
        for (int p = 0; p < k; p++)
        {
            var v = Vector512.Create(x[p * xs]);
            int o = p * 32;
            s0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p0 + o), s0);
            if (V.Value > 1) s1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p0 + o + 16), s1);
            if (V.Value > 2) s2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p1 + o), s2);
            if (V.Value > 3) s3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p1 + o + 16), s3);
            if (V.Value > 4) s4 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p2 + o), s4);
            if (V.Value > 5) s5 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p2 + o + 16), s5);
            if (V.Value > 6) s6 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p3 + o), s6);
            if (V.Value > 7) s7 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p3 + o + 16), s7);
        }
        (Vector512.Load(acc) + s0).Store(acc);
        if (V.Value > 1) (Vector512.Load(acc + 16) + s1).Store(acc + 16);
        if (V.Value > 2) (Vector512.Load(acc + 32) + s2).Store(acc + 32);
        if (V.Value > 3) (Vector512.Load(acc + 48) + s3).Store(acc + 48);
        if (V.Value > 4) (Vector512.Load(acc + 64) + s4).Store(acc + 64);
        if (V.Value > 5) (Vector512.Load(acc + 80) + s5).Store(acc + 80);
        if (V.Value > 6) (Vector512.Load(acc + 96) + s6).Store(acc + 96);
        if (V.Value > 7) (Vector512.Load(acc + 112) + s7).Store(acc + 112);
    }

    /// <summary>dst[c·ldd + r] = src[r·lds + c] for r &lt; rows, c &lt; cols: 8×8 blocks in AVX registers, scalar edges.</summary>
    public static void Transpose(float* src, int rows, int cols, int lds, float* dst, int ldd)
    {
        int r = 0;
        for (; r <= rows - 8; r += 8)
        {
            int c = 0;
            for (; c <= cols - 8; c += 8) Transpose8x8(src + (long)r * lds + c, lds, dst + (long)c * ldd + r, ldd);
            for (; c < cols; c++)
                for (int rr = r; rr < r + 8; rr++) dst[(long)c * ldd + rr] = src[(long)rr * lds + c];
        }
        for (; r < rows; r++)
            for (int c = 0; c < cols; c++) dst[(long)c * ldd + r] = src[(long)r * lds + c];
    }

    /// <summary>Writes the 8×8 block at <paramref name="s"/> (row stride <paramref name="lds"/>) transposed into
    /// <paramref name="d"/> (row stride <paramref name="ldd"/>): d[j·ldd + r] = s[r·lds + j], in AVX registers. Also packs
    /// <see cref="GemmF32"/>'s panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* s, int lds, float* d, int ldd)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + lds);
        var r2 = Avx.LoadVector256(s + 2L * lds); var r3 = Avx.LoadVector256(s + 3L * lds);
        var r4 = Avx.LoadVector256(s + 4L * lds); var r5 = Avx.LoadVector256(s + 5L * lds);
        var r6 = Avx.LoadVector256(s + 6L * lds); var r7 = Avx.LoadVector256(s + 7L * lds);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1); var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5); var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE); var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE); var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20)); Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2L * ldd, Avx.Permute2x128(u2, u6, 0x20)); Avx.Store(d + 3L * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4L * ldd, Avx.Permute2x128(u0, u4, 0x31)); Avx.Store(d + 5L * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6L * ldd, Avx.Permute2x128(u2, u6, 0x31)); Avx.Store(d + 7L * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
