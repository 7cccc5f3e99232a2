using ILGPU;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Outputs per thread along each axis in <see cref="GemmBlocked{TTile}"/>.</summary>
    public const int BlockedOutputsPerThread = 4;

    /// <summary>Register-blocked GEMM: a T×T group computes a 4T×4T block of C, each thread a 4×4 grid of outputs
    /// kept in registers, from 4T×T panels of op(A) and T×4T panels of op(B) staged in shared memory.</summary>
    /// <typeparam name="TTile">T, the group edge (16 on a GPU: 256 threads, 64×64 blocks).</typeparam>
    /// <param name="a">A, [M, K] or [K, M] when transposed.</param>
    /// <param name="b">B, [K, N] or [N, K] when transposed.</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes and scaling.</param>
    /// <remarks>
    /// Launch with groups of (T, T) threads and a grid of (⌈N/4T⌉, ⌈M/4T⌉) groups. Per step of T along k each thread
    /// loads 4 + 4 values into shared memory and then does 16·T multiply-adds from 8·T shared reads: four times the
    /// arithmetic per shared-memory read of <see cref="GemmTiled{TTile}"/>, which is what lets a GPU approach its peak.
    /// Thread (x, y) owns rows y + iT and columns x + jT of the block (i, j = 0..3), so neighbouring threads write
    /// neighbouring columns of C. Out-of-range panel entries are zeros.
    /// </remarks>
    public static void GemmBlocked<TTile>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
        where TTile : struct, ITileSize
    {
        int t = default(TTile).Size;
        int edge = BlockedOutputsPerThread * t;
        var panelA = SharedMemory.Allocate<float>(BlockedOutputsPerThread * default(TTile).Size * default(TTile).Size); // [k][m]
        var panelB = SharedMemory.Allocate<float>(BlockedOutputsPerThread * default(TTile).Size * default(TTile).Size); // [k][n]
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * t + tx, threads = t * t;
        int row0 = Grid.IdxY * edge, col0 = Grid.IdxX * edge;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int k0 = 0; k0 < shape.K; k0 += t)
        {
            for (int q = 0; q < BlockedOutputsPerThread; q++)
            {
                int e = tid + q * threads;
                int kkA = e % t, m = e / t;                 // consecutive threads walk along k: coalesced for row-major A
                int gi = row0 + m, gk = k0 + kkA;
                panelA[kkA * edge + m] = gi < shape.M && gk < shape.K ? a[shape.IndexA(gi, gk)] : 0f;
                int n = e % edge, kkB = e / edge;           // consecutive threads walk along n: coalesced for row-major B
                int gj = col0 + n, gkB = k0 + kkB;
                panelB[kkB * edge + n] = gkB < shape.K && gj < shape.N ? b[shape.IndexB(gkB, gj)] : 0f;
            }
            Group.Barrier();
            for (int k = 0; k < t; k++)
            {
                int ka = k * edge;
                float a0 = panelA[ka + ty], a1 = panelA[ka + ty + t], a2 = panelA[ka + ty + 2 * t], a3 = panelA[ka + ty + 3 * t];
                float b0 = panelB[ka + tx], b1 = panelB[ka + tx + t], b2 = panelB[ka + tx + 2 * t], b3 = panelB[ka + tx + 3 * t];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            Group.Barrier();
        }
        int r = row0 + ty, col = col0 + tx;
        StoreRow(c, shape, r, col, t, c00, c01, c02, c03);
        StoreRow(c, shape, r + t, col, t, c10, c11, c12, c13);
        StoreRow(c, shape, r + 2 * t, col, t, c20, c21, c22, c23);
        StoreRow(c, shape, r + 3 * t, col, t, c30, c31, c32, c33);
    }

    private static void StoreRow(ArrayView<float> c, GemmShape shape, int i, int j, int t, float v0, float v1, float v2, float v3)
    {
        if (i >= shape.M) return;
        Store(c, shape, i, j, v0);
        Store(c, shape, i, j + t, v1);
        Store(c, shape, i, j + 2 * t, v2);
        Store(c, shape, i, j + 3 * t, v3);
    }

    private static void Store(ArrayView<float> c, GemmShape shape, int i, int j, float sum)
    {
        if (j >= shape.N) return;
        int ij = i * shape.N + j;
        c[ij] = shape.Beta == 0f ? shape.Alpha * sum : shape.Alpha * sum + shape.Beta * c[ij];
    }
}
