namespace DeepNlp.Kernel.Tests.Jupyter;

/// <summary>The tests that start kernel processes run one class at a time: each starts .NET and Roslyn from cold, and
/// on a two-core machine running them side by side only makes every one of them slow enough to hit its timeouts.</summary>
[CollectionDefinition(Name)]
public sealed class KernelProcesses
{
    public const string Name = "kernel processes";
}
