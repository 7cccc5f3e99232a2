using System.Diagnostics;
using DeepNlp.Numerics;

namespace DeepNlp.Bench.Gemm;

/// <summary>The machine's float32 GEMM peak as the kit's own GEMM reaches it: the best GFLOP/s over a few large square
/// products, with all threads, after a warm-up.</summary>
internal static class GemmPeak
{
    /// <summary>The best rate and the shape that gave it.</summary>
    internal sealed record Result(double Gflops, string Shape);

    public static Result Measure()
    {
        var best = new Result(0, "");
        foreach (int size in new[] { 512, 1024, 1536 })
        {
            var a = new float[size * size]; var b = new float[size * size]; var c = new float[size * size];
            var rng = new Random(1);
            for (int i = 0; i < a.Length; i++) { a[i] = (float)rng.NextDouble(); b[i] = (float)rng.NextDouble(); }
            Ops.Gemm<float>(a, b, c, size, size, size);
            double flop = 2.0 * size * size * size;
            int reps = Math.Max(2, (int)(4e9 / flop));
            for (int trial = 0; trial < 3; trial++)
            {
                var clock = Stopwatch.StartNew();
                for (int r = 0; r < reps; r++) Ops.Gemm<float>(a, b, c, size, size, size);
                double gflops = reps * flop / clock.Elapsed.TotalSeconds / 1e9;
                if (gflops > best.Gflops) best = new Result(gflops, $"{size}x{size}x{size}");
            }
        }
        return best;
    }
}
