using DeepNlp.Numerics;

namespace DeepNlp.Tests.Numerics;

/// <summary>Kernels that split large inputs over threads compute exactly what a plain serial loop computes.</summary>
public class ParallelKernelTests
{
    private static float[] Random(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private static T WithThreads<T>(int threads, Func<T> run)
    {
        int saved = Ops.MaxThreads;
        try { Ops.MaxThreads = threads; return run(); }
        finally { Ops.MaxThreads = saved; }
    }

    [Fact]
    public void CrossEntropyRows_MatchesRowByRowSoftmax_OnTwoThreads()
    {
        int rows = 3200, classes = 65;
        var z = Random(rows * classes, 1, 8);
        var y = Enumerable.Range(0, rows).Select(r => r % 7 == 0 ? -1 : r % classes).ToArray();

        var (p, loss) = WithThreads(2, () =>
        {
            var p = new float[rows * classes]; var loss = new double[rows];
            Ops.CrossEntropyRows<float>(z, y, classes, p, loss);
            return (p, loss);
        });

        var pr = new float[classes];
        for (int r = 0; r < rows; r++)
        {
            float lse = Ops.SoftmaxAndLogSumExp<float>(z.AsSpan(r * classes, classes), pr);
            Assert.Equal(pr, p.AsSpan(r * classes, classes).ToArray());
            Assert.Equal(y[r] < 0 ? 0 : -(double)(z[r * classes + y[r]] - lse), loss[r]);
        }
    }

    [Fact]
    public void CrossEntropyGradientRows_IsScaledProbabilitiesMinusOneHot_MaskedRowsZero()
    {
        int rows = 2000, classes = 65;
        var p = Random(rows * classes, 2);
        var y = Enumerable.Range(0, rows).Select(r => r % 5 == 0 ? -1 : (r * 3) % classes).ToArray();

        var d = WithThreads(2, () =>
        {
            var d = new float[rows * classes];
            Ops.CrossEntropyGradientRows<float>(p, y, classes, 0.25f, d);
            return d;
        });

        for (int r = 0; r < rows; r++)
            for (int c = 0; c < classes; c++)
            {
                int i = r * classes + c;
                float expected = y[r] < 0 ? 0 : p[i] * 0.25f - (c == y[r] ? 0.25f : 0);
                Assert.Equal(expected, d[i]);
            }
    }

    [Fact]
    public void AdamUpdate_LargeParameter_TwoThreadsEqualOne()
    {
        int n = 3 * DeepNlp.Kernels.WorkerPool.ParallelElements + 37;
        var g = Random(n, 3);
        float[] Run(int threads) => WithThreads<float[]>(threads, () =>
        {
            var theta = Random(n, 4); var m = Random(n, 5, 0.1); var v = Random(n, 6, 0.1).Select(Math.Abs).ToArray();
            Ops.AdamUpdate<float>(theta, g, m, v, 2e-3, 0.9, 0.999, 1e-8, 0.1, 0.001);
            return [.. theta, .. m, .. v];
        });

        Assert.Equal(Run(1), Run(2));
    }

    [Fact]
    public void SumRowsAccumulate_LargeMatrix_TwoThreadsMatchSerialRowOrder()
    {
        int rows = 300, cols = 1000;
        var a = Random(rows * cols, 7);
        var expected = Random(cols, 8);
        var start = expected.ToArray();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) expected[c] += a[r * cols + c];

        var sum = WithThreads(2, () =>
        {
            var d = start.ToArray();
            Ops.SumRowsAccumulate<float>(a, d);
            return d;
        });

        Assert.Equal(expected, sum);
    }
}
