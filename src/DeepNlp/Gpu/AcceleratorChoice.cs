namespace DeepNlp.Gpu;

/// <summary>Which ILGPU accelerator <see cref="GpuDevice.Open(AcceleratorChoice)"/> should create.</summary>
/// <remarks>
/// <see cref="Auto"/> reads the environment variable <c>DEEPNLP_ACCELERATOR</c> (<c>cuda</c>, <c>opencl</c> or <c>cpu</c>)
/// and, when it is unset, prefers CUDA, then OpenCL, then ILGPU's CPU accelerator. Taught in
/// <c>notebooks/09_gpu_with_ilgpu.ipynb</c>.
/// </remarks>
public enum AcceleratorChoice
{
    /// <summary>The environment variable if set, otherwise the best device present (CUDA, OpenCL, CPU).</summary>
    Auto,

    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda,

    /// <summary>A GPU (or other device) through OpenCL.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator: the same kernels, run by CPU threads (slow, but always present).</summary>
    Cpu,
}
