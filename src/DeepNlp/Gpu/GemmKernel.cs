namespace DeepNlp.Gpu;

/// <summary>Which matrix-multiply implementation a <see cref="GemmTiming"/> measured.</summary>
public enum GemmKernel
{
    /// <summary><see cref="GpuKernels.GemmNaive"/> on the device.</summary>
    Naive,

    /// <summary><see cref="GpuKernels.GemmTiled{TTile}"/> (16×16 shared-memory tiles) on the device.</summary>
    Tiled,

    /// <summary><see cref="GpuKernels.GemmBlocked{TTile}"/> (shared-memory panels, 4×4 outputs per thread) on the device.</summary>
    Blocked,

    /// <summary>The CPU library's cache-blocked, multi-threaded <c>Ops.Gemm</c>.</summary>
    Cpu,
}
