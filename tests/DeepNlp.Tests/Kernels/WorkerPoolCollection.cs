namespace DeepNlp.Tests.Kernels;

/// <summary>Tests that assert how the worker pool splits work. The pool is process-wide and runs a nested or concurrent
/// call serially (<c>WorkerPool.IsBusy</c>), so these tests run alone, after the parallel ones, instead of racing the
/// layer tests for the pool.</summary>
[CollectionDefinition("WorkerPool", DisableParallelization = true)]
public sealed class WorkerPoolCollection;
