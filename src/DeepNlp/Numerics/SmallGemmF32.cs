using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Numerics;

/// <summary>Float32 products too small for the packed, blocked <see cref="GemmF32"/>: the per-sequence products of a batch-1
/// recurrent model ([25, 100] · [100, 100], its weight gradients over 25 steps) and the matrix-vector products of one step.</summary>
/// <remarks>
/// At these sizes packing A and B and padding to 8×32 register tiles cost as much as the arithmetic. Here A is read in
/// place (a broadcast per element, whatever its layout), B [k, n] row-major is read in place with a masked last vector
/// (a transposed B is first transposed into a scratch buffer with 8×8 AVX blocks), and C is updated in 4-row × 64-column
/// register tiles. The matrix-vector kernel for one or a few rows reads B in <see cref="GemmF32"/>'s packed panels, four
/// panels at a time, so eight independent accumulators keep the FMA units busy instead of waiting on one chain.
/// Needs AVX-512; <see cref="GemmF32"/> keeps the portable paths.
/// </remarks>
internal static unsafe class SmallGemmF32
{
    private const long MaxWork = 1L << 18;
    public const int MaxSide = 512;

    public static bool IsSupported => Avx512F.IsSupported;

    [ThreadStatic] private static float[]? _transposed;

    /// <summary>Whether a product of this shape is better served here than by the blocked kernel.</summary>
    public static bool Handles(int m, int n, int k) =>
        IsSupported && (long)m * n * k <= MaxWork && n <= MaxSide && k <= MaxSide;

    /// <summary>C += op(A) · op(B); C was already cleared by the caller when not accumulating.</summary>
    public static void Run(bool ta, bool tb, int m, int n, int k, float* a, float* b, float* c)
    {
        if (tb)
        {
            // op(B) = Bᵀ with B stored [n, k]: one transposition into [k, n] costs k·n moves against m·k·n multiply-adds.
            Tiles(ta, m, n, k, a, Transposed(b, n, k), c);
        }
        else Tiles(ta, m, n, k, a, b, c);
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

    // C [m, n] += op(A) [m, k] · B [k, n], 4 rows × 64 columns at a time.
    private static void Tiles(bool ta, int m, int n, int k, float* a, float* b, float* c)
    {
        long rowStride = ta ? 1 : k, colStride = ta ? m : 1;
        for (int j = 0; j < n; j += 64)
        {
            int cols = Math.Min(64, n - j);
            var m0 = VectorF32.TailMask(cols); var m1 = VectorF32.TailMask(cols - 16);
            var m2 = VectorF32.TailMask(cols - 32); var m3 = VectorF32.TailMask(cols - 48);
            for (int i = 0; i < m; i += 4)
            {
                int rows = Math.Min(4, m - i);
                // Missing rows of the last tile repeat row i: computed, never stored.
                float* a0 = a + i * rowStride, a1 = rows > 1 ? a0 + rowStride : a0, a2 = rows > 2 ? a0 + 2 * rowStride : a0, a3 = rows > 3 ? a0 + 3 * rowStride : a0;
                Kernel4x64(k, a0, a1, a2, a3, colStride, b + j, n, c + (long)i * n + j, n, rows, m0, m1, m2, m3);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x64(int k, float* a0, float* a1, float* a2, float* a3, long cs, float* b, int ldb, float* c, int ldc, int rows,
        Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        var zero = Vector512<float>.Zero;
        for (int p = 0; p < k; p++)
        {
            float* bp = b + (long)p * ldb;
            var b0 = Avx512F.MaskLoad(bp, m0, zero); var b1 = Avx512F.MaskLoad(bp + 16, m1, zero);
            var b2 = Avx512F.MaskLoad(bp + 32, m2, zero); var b3 = Avx512F.MaskLoad(bp + 48, m3, zero);
            long o = p * cs;
            var x = Vector512.Create(a0[o]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(x, b2, c02); c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            x = Vector512.Create(a1[o]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(x, b2, c12); c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            x = Vector512.Create(a2[o]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(x, b2, c22); c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            x = Vector512.Create(a3[o]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(x, b2, c32); c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
        }
        AddRow(c, c00, c01, c02, c03, m0, m1, m2, m3);
        if (rows > 1) AddRow(c + ldc, c10, c11, c12, c13, m0, m1, m2, m3);
        if (rows > 2) AddRow(c + 2L * ldc, c20, c21, c22, c23, m0, m1, m2, m3);
        if (rows > 3) AddRow(c + 3L * ldc, c30, c31, c32, c33, m0, m1, m2, m3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3)
    {
        var zero = Vector512<float>.Zero;
        Avx512F.MaskStore(c, m0, Avx512F.MaskLoad(c, m0, zero) + v0);
        Avx512F.MaskStore(c + 16, m1, Avx512F.MaskLoad(c + 16, m1, zero) + v1);
        Avx512F.MaskStore(c + 32, m2, Avx512F.MaskLoad(c + 32, m2, zero) + v2);
        Avx512F.MaskStore(c + 48, m3, Avx512F.MaskLoad(c + 48, m3, zero) + v3);
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
                int panels = Math.Min(4, (n - q * nr + nr - 1) / nr);
                Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
                for (int pc = 0; pc < k; pc += kc)
                {
                    int kk = Math.Min(kc, k - pc);
                    float* p0 = bp + (long)pc * padded + (long)q * nr * kk;
                    float* x = ta ? a + (long)pc * m + i : a + (long)i * k + pc;
                    long xs = ta ? m : 1;
                    // Panels past the last one read panel 0 again (valid memory); their sums are never stored.
                    float* p1 = panels > 1 ? p0 + nr * kk : p0, p2 = panels > 2 ? p0 + 2 * nr * kk : p0, p3 = panels > 3 ? p0 + 3 * nr * kk : p0;
                    for (int p = 0; p < kk; p++)
                    {
                        var v = Vector512.Create(x[p * xs]);
                        int o = p * 32;
                        s0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p0 + o), s0); s1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p0 + o + 16), s1);
                        s2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p1 + o), s2); s3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p1 + o + 16), s3);
                        s4 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p2 + o), s4); s5 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p2 + o + 16), s5);
                        s6 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p3 + o), s6); s7 = Vector512.FusedMultiplyAdd(v, Vector512.Load(p3 + o + 16), s7);
                    }
                }
                s0.Store(acc); s1.Store(acc + 16); s2.Store(acc + 32); s3.Store(acc + 48);
                s4.Store(acc + 64); s5.Store(acc + 80); s6.Store(acc + 96); s7.Store(acc + 112);
                int cols = Math.Min(4 * nr, n - q * nr);
                float* crow = c + (long)i * n + q * nr;
                int j = 0;
                for (; j <= cols - 16; j += 16) (Vector512.Load(crow + j) + Vector512.Load(acc + j)).Store(crow + j);
                for (; j < cols; j++) crow[j] += acc[j];
            }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* s, int lds, float* d, int ldd)
    {
        var r0 = Avx.LoadVector256(s); var r1 = Avx.LoadVector256(s + lds); var r2 = Avx.LoadVector256(s + 2 * lds); var r3 = Avx.LoadVector256(s + 3 * lds);
        var r4 = Avx.LoadVector256(s + 4 * lds); var r5 = Avx.LoadVector256(s + 5 * lds); var r6 = Avx.LoadVector256(s + 6 * lds); var r7 = Avx.LoadVector256(s + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1); var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5); var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE); var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE); var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20)); Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20)); Avx.Store(d + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31)); Avx.Store(d + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31)); Avx.Store(d + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
