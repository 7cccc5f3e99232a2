using DeepNlp.Engine.Execution;
using DeepNlp.Kernel.Execution;

namespace DeepNlp.Kernel.Tests.Support;

/// <summary>One kernel backed by the real engine, shared by a test class (Roslyn warms up once).</summary>
public sealed class EngineKernelFixture : IDisposable
{
    internal TestKernel Kernel { get; } = new(new EngineCodeRunner(new NotebookSessionOptions
    {
        NotebookDirectory = Path.GetTempPath(),
        StopGracePeriod = TimeSpan.FromMilliseconds(300),
    }));

    public void Dispose() => Kernel.Dispose();
}
