using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

/// <summary>One accelerator for all GPU tests (CUDA when present, otherwise ILGPU's CPU accelerator).</summary>
public sealed class GpuFixture : IDisposable
{
    public GpuDevice Device { get; } = GpuDevice.Open();

    public void Dispose() => Device.Dispose();
}

[CollectionDefinition("Gpu")]
public sealed class GpuCollection : ICollectionFixture<GpuFixture>;
