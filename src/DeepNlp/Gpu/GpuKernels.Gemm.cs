using ILGPU;

namespace DeepNlp.Gpu;

/// <summary>The kit's device code: every kernel is a static method, which is what ILGPU compiles.</summary>
/// <remarks>
/// Kernels mirror the CPU <c>Ops</c> names and run unchanged on CUDA, OpenCL and ILGPU's CPU accelerator.
/// They are launched through <see cref="GpuOps"/>; <c>notebooks/09_gpu_with_ilgpu.ipynb</c> walks through them.
/// </remarks>
public static partial class GpuKernels
{
    /// <summary>Naive GEMM: one thread per element of C, reading A and B straight from global memory.</summary>
    /// <param name="index">First element i·N + j of C handled by this thread.</param>
    /// <param name="a">A, [M, K] or [K, M] when transposed.</param>
    /// <param name="b">B, [K, N] or [N, K] when transposed.</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes and scaling.</param>
    /// <param name="stride">Number of threads launched (grid-stride loop).</param>
    /// <remarks>C[i,j] = α Σ_k op(A)[i,k] op(B)[k,j] + β C[i,j]. Consecutive threads take consecutive columns j, so
    /// neighbouring threads touch neighbouring elements of B and C (coalesced on a GPU).</remarks>
    public static void GemmNaive(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape, int stride)
    {
        for (int ij = index; ij < shape.M * shape.N; ij += stride)
        {
            int i = ij / shape.N, j = ij % shape.N;
            float sum = 0f;
            for (int k = 0; k < shape.K; k++)
                sum += a[shape.IndexA(i, k)] * b[shape.IndexB(k, j)];
            c[ij] = shape.Beta == 0f ? shape.Alpha * sum : shape.Alpha * sum + shape.Beta * c[ij];
        }
    }

    /// <summary>Tiled GEMM: each group stages a T×T tile of op(A) and of op(B) in shared memory, then every thread
    /// reads its row and column of the tiles T times from there instead of from global memory.</summary>
    /// <typeparam name="TTile">Tile edge T (a struct, so the shared-memory size is a compile-time constant).</typeparam>
    /// <param name="a">A, [M, K] or [K, M] when transposed.</param>
    /// <param name="b">B, [K, N] or [N, K] when transposed.</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes and scaling.</param>
    /// <remarks>Launch with groups of (T, T) threads and a grid of (⌈N/T⌉, ⌈M/T⌉) groups. Global reads fall from
    /// 2K per output to 2K/T; out-of-range tile entries are loaded as zeros so any M, N, K works.</remarks>
    public static void GemmTiled<TTile>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
        where TTile : struct, ITileSize
    {
        int t = default(TTile).Size;
        var tileA = SharedMemory.Allocate<float>(t * t);
        var tileB = SharedMemory.Allocate<float>(t * t);
        int tx = Group.IdxX, ty = Group.IdxY;
        int i = Grid.IdxY * t + ty, j = Grid.IdxX * t + tx;
        float sum = 0f;
        for (int k0 = 0; k0 < shape.K; k0 += t)
        {
            int ka = k0 + tx, kb = k0 + ty;
            tileA[ty * t + tx] = i < shape.M && ka < shape.K ? a[shape.IndexA(i, ka)] : 0f;
            tileB[ty * t + tx] = kb < shape.K && j < shape.N ? b[shape.IndexB(kb, j)] : 0f;
            Group.Barrier();
            for (int k = 0; k < t; k++)
                sum += tileA[ty * t + k] * tileB[k * t + tx];
            Group.Barrier();
        }
        if (i < shape.M && j < shape.N)
        {
            int ij = i * shape.N + j;
            c[ij] = shape.Beta == 0f ? shape.Alpha * sum : shape.Alpha * sum + shape.Beta * c[ij];
        }
    }
}
