using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNlp.Kernels;

/// <summary>The portable twin of <see cref="GemmF32"/>: the same product with a 4×16 tile of <see cref="Vector128{T}"/>
/// multiply-adds, single-threaded, for machines where 256-bit vectors are emulated (.NET WebAssembly: WASM SIMD is 128-bit).</summary>
/// <remarks>
/// Reads B in <see cref="GemmF32"/>'s panel layout (NR-wide panels per KC-deep slice), so a weight packed once by
/// <see cref="GemmF32.PackAll"/> serves either path; an unpacked B is packed here into the same layout, one NC-wide block
/// at a time. A is read in place (no packing): the interpreter gains nothing from contiguous A, and it saves a copy.
/// Multiply and add are separate instructions because <c>Vector128.FusedMultiplyAdd</c> is emulated without relaxed SIMD;
/// results therefore differ from the FMA path by float32 rounding only.
/// </remarks>
internal static unsafe class GemmF32Portable
{
    private const int MR = 4, Tile = 16, NC = 512;

    [ThreadStatic] private static float[]? _packB;

    /// <summary>C (+)= op(A) · op(B), the contract of <see cref="GemmF32.Run"/>.</summary>
    public static void Run(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        bool accumulate, bool bIsPacked)
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (m == 0 || n == 0 || k == 0) return;
        int nr = GemmF32.PaddedColumns(1), kcMax = GemmF32.KC;
        int padded = GemmF32.PaddedColumns(n);
        long rowStride = ta ? 1 : k, depthStride = ta ? m : 1;   // op(A)[i, p] = a[i·rowStride + p·depthStride]
        fixed (float* pa = a, pb = b, pc = c)
        {
            float* packB = null;
            float[]? buffer = null;
            if (!bIsPacked) buffer = _packB ??= GC.AllocateArray<float>(kcMax * NC + Tile, pinned: true);
            fixed (float* pbuf = buffer)
            {
                packB = pbuf;
                for (int p0 = 0; p0 < k; p0 += kcMax)
                {
                    int kc = Math.Min(kcMax, k - p0);
                    for (int j0 = 0; j0 < n; j0 += NC)
                    {
                        int nc = Math.Min(NC, n - j0);
                        float* panels;
                        if (bIsPacked) panels = pb + (long)p0 * padded + (long)j0 * kc;   // NC is a multiple of NR
                        else { PackB(tb, pb, n, k, p0, kc, j0, nc, nr, packB); panels = packB; }
                        for (int jr = 0; jr < nc; jr += Tile)
                        {
                            // A Tile-wide strip of an NR-wide panel: panel (jr / nr), columns jr % nr onwards, row stride nr.
                            float* strip = panels + (long)(jr / nr) * nr * kc + jr % nr;
                            int cols = Math.Min(Tile, nc - jr);
                            float* a0 = pa + (long)p0 * depthStride;
                            int i = 0;
                            for (; i + MR <= m; i += MR)
                                Kernel4x16(kc, a0 + i * rowStride, rowStride, depthStride, strip, nr, pc + (long)i * n + j0 + jr, n, cols);
                            for (; i < m; i++)
                                Kernel1x16(kc, a0 + i * rowStride, depthStride, strip, nr, pc + (long)i * n + j0 + jr, cols);
                        }
                    }
                }
            }
        }
    }

    // Packs op(B)[p0..p0+kc, j0..j0+nc] into nr-wide panels, zero-padded: GemmF32's layout for one block.
    private static void PackB(bool tb, float* b, int n, int k, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* panel = dst + (long)jr * kc;
            if (cols < nr) new Span<float>(panel, nr * kc).Clear();
            if (tb)
                for (int q = 0; q < cols; q++)
                {
                    float* src = b + (long)(j0 + jr + q) * k + p0;   // B stored [n, k]: a row of B is a column of op(B)
                    for (int p = 0; p < kc; p++) panel[p * nr + q] = src[p];
                }
            else
                for (int p = 0; p < kc; p++)
                    new ReadOnlySpan<float>(b + (long)(p0 + p) * n + j0 + jr, cols).CopyTo(new Span<float>(panel + p * nr, cols));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x16(int kc, float* a, long rowStride, long depthStride, float* b, int ldb, float* c, int ldc, int cols)
    {
        Vector128<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector128<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        float* a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b); var b1 = Vector128.Load(b + 4); var b2 = Vector128.Load(b + 8); var b3 = Vector128.Load(b + 12);
            long o = p * depthStride;
            var x = Vector128.Create(a[o]); c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = Vector128.Create(a1[o]); c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = Vector128.Create(a2[o]); c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = Vector128.Create(a3[o]); c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
            b += ldb;
        }
        if (cols == Tile)
        {
            Acc(c, c00, c01, c02, c03); Acc(c + ldc, c10, c11, c12, c13);
            Acc(c + 2 * ldc, c20, c21, c22, c23); Acc(c + 3 * ldc, c30, c31, c32, c33);
            return;
        }
        float* t = stackalloc float[MR * Tile];
        Put(t, c00, c01, c02, c03); Put(t + Tile, c10, c11, c12, c13); Put(t + 2 * Tile, c20, c21, c22, c23); Put(t + 3 * Tile, c30, c31, c32, c33);
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < cols; j++) c[(long)r * ldc + j] += t[r * Tile + j];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1x16(int kc, float* a, long depthStride, float* b, int ldb, float* c, int cols)
    {
        Vector128<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int p = 0; p < kc; p++)
        {
            var x = Vector128.Create(a[p * depthStride]);
            c0 += x * Vector128.Load(b); c1 += x * Vector128.Load(b + 4); c2 += x * Vector128.Load(b + 8); c3 += x * Vector128.Load(b + 12);
            b += ldb;
        }
        if (cols == Tile) { Acc(c, c0, c1, c2, c3); return; }
        float* t = stackalloc float[Tile];
        Put(t, c0, c1, c2, c3);
        for (int j = 0; j < cols; j++) c[j] += t[j];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Acc(float* row, Vector128<float> v0, Vector128<float> v1, Vector128<float> v2, Vector128<float> v3)
    {
        (Vector128.Load(row) + v0).Store(row); (Vector128.Load(row + 4) + v1).Store(row + 4);
        (Vector128.Load(row + 8) + v2).Store(row + 8); (Vector128.Load(row + 12) + v3).Store(row + 12);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* t, Vector128<float> v0, Vector128<float> v1, Vector128<float> v2, Vector128<float> v3)
    {
        v0.Store(t); v1.Store(t + 4); v2.Store(t + 8); v3.Store(t + 12);
    }
}
