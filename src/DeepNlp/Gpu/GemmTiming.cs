namespace DeepNlp.Gpu;

/// <summary>One timed square SGEMM, C = A·B with n×n matrices.</summary>
/// <param name="Kernel">The implementation.</param>
/// <param name="Device">Where it ran ("Cpu accelerator", "Cuda", "CPU (Ops.Gemm)").</param>
/// <param name="Size">n.</param>
/// <param name="Milliseconds">Best time of the repeats, excluding transfers and compilation.</param>
public sealed record GemmTiming(GemmKernel Kernel, string Device, int Size, double Milliseconds)
{
    /// <summary>Throughput, 2n³ floating-point operations per run, in GFLOP/s.</summary>
    public double Gflops => 2.0 * Size * Size * Size / (Milliseconds * 1e6);

    /// <summary>Measures one kernel at one size: a warm-up run, then the best of <paramref name="repeats"/>.</summary>
    /// <param name="device">The accelerator (ignored for <see cref="GemmKernel.Cpu"/>).</param>
    /// <param name="kernel">The implementation.</param>
    /// <param name="size">n.</param>
    /// <param name="repeats">Timed runs (≥ 1).</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> or <paramref name="repeats"/> is not positive.</exception>
    public static GemmTiming Measure(GpuDevice device, GemmKernel kernel, int size, int repeats = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        var rng = new Random(size);
        var a = Enumerable.Range(0, size * size).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, size * size).Select(_ => (float)rng.NextDouble()).ToArray();
        double best = double.MaxValue;
        if (kernel == GemmKernel.Cpu)
        {
            var c = new float[size * size];
            for (int r = 0; r <= repeats; r++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                Numerics.Ops.Gemm(a, b, c, size, size, size);
                double ms = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (r > 0) best = Math.Min(best, ms);
            }
            return new GemmTiming(kernel, "CPU (Ops.Gemm)", size, best);
        }
        using var da = device.Upload<float>(a);
        using var db = device.Upload<float>(b);
        using var dc = device.Allocate<float>(size * size);
        var shape = new GemmShape(size, size, size, false, false, 1f, 0f);
        for (int r = 0; r <= repeats; r++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            if (kernel == GemmKernel.Naive) device.Ops.GemmNaive(da, db, dc, shape);
            else if (kernel == GemmKernel.Tiled) device.Ops.GemmTiled(da, db, dc, shape);
            else device.Ops.GemmBlocked(da, db, dc, shape);
            device.Synchronize();
            double ms = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (r > 0) best = Math.Min(best, ms);
        }
        return new GemmTiming(kernel, $"{device.Kind} accelerator", size, best);
    }
}
