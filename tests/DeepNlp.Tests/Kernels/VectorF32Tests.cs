using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

// The float32 fast paths behind Ops.Tanh, Ops.ClampInPlace and Ops.AdagradUpdate, against plain scalar loops.
public class VectorF32Tests
{
    private static float[] Random(int n, int seed, double scale)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
    }

    [Fact]
    public void Tanh_IsWithin2e7OfMathTanh_FromTinyToSaturated()
    {
        float[] x = [.. Enumerable.Range(-4000, 8001).Select(i => i / 200f), 1e-30f, -1e-7f, 3e-4f, 0.6249f, 0.6251f, 8.99f, 9.01f, 50f, -1e6f,
            float.PositiveInfinity, float.NegativeInfinity];
        var y = new float[x.Length];

        Ops.Tanh<float>(x, y);

        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(y[i] - Math.Tanh(x[i])) <= 2e-7 + 2e-7 * Math.Abs(Math.Tanh(x[i])), $"tanh({x[i]}) = {y[i]}, expected {Math.Tanh(x[i])}");
    }

    [Fact]
    public void Tanh_KeepsRelativeAccuracy_ForSmallArguments()
    {
        float[] x = [1e-6f, -3e-5f, 1e-3f, 0.01f, -0.3f];
        var y = new float[x.Length];

        Ops.Tanh<float>(x, y);

        for (int i = 0; i < x.Length; i++) Assert.Equal(Math.Tanh(x[i]), y[i], Math.Abs(Math.Tanh(x[i])) * 1e-6);
    }

    [Fact]
    public void Tanh_PropagatesNaN_AndWorksInPlaceForEveryLength()
    {
        for (int n = 0; n <= 50; n++)
        {
            var x = Random(n, n, 5);
            if (n > 3) x[n - 2] = float.NaN;
            var expected = x.Select(v => (float)Math.Tanh(v)).ToArray();

            Ops.Tanh<float>(x, x);

            for (int i = 0; i < n; i++)
                if (float.IsNaN(expected[i])) Assert.True(float.IsNaN(x[i]));
                else Assert.Equal(expected[i], x[i], 3e-7f);
        }
    }

    // The AVX2 twin, called directly so that an AVX-512 machine tests it too: accurate, NaN-preserving, every tail length,
    // and the same floats as the AVX-512 body where that runs (the same operations lane by lane).
    [Fact]
    public void Tanh256_IsAccurate_AndMatchesTanh512BitForBit_ForEveryLength()
    {
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported || !System.Runtime.Intrinsics.X86.Fma.IsSupported) return;   // nothing to run
        float[] probe = [.. Enumerable.Range(-2000, 4001).Select(i => i / 100f), 1e-30f, -1e-7f, 3e-4f, 0.6249f, 0.6251f, 8.99f, 9.01f, 50f, -1e6f,
            float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        for (int n = 0; n <= probe.Length; n += n < 40 ? 1 : 997)
        {
            var x = probe[..n];
            var y = new float[n];

            VectorF32.Tanh256(x, y);

            for (int i = 0; i < n; i++)
                if (float.IsNaN(x[i])) Assert.True(float.IsNaN(y[i]));
                else Assert.True(Math.Abs(y[i] - Math.Tanh(x[i])) <= 2e-7 + 2e-7 * Math.Abs(Math.Tanh(x[i])), $"tanh({x[i]}) = {y[i]}");
            if (!VectorF32.IsSupported) continue;
            var wide = new float[n];
            VectorF32.Tanh512(x, wide);
            Assert.Equal(wide, y);
        }
    }

    [Fact]
    public void ClampInPlace_MatchesScalarClamp_AndKeepsNaN_ForLengths0To50()
    {
        for (int n = 0; n <= 50; n++)
        {
            var x = Random(n, n, 10);
            if (n > 0) x[n - 1] = float.NaN;
            var expected = x.Select(v => float.IsNaN(v) ? v : Math.Clamp(v, -5f, 5f)).ToArray();

            Ops.ClampInPlace(x.AsSpan(), 5f);

            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void AdagradUpdate_Float_MatchesScalarLoopBitForBit_ForLengths0To50()
    {
        for (int n = 0; n <= 50; n++)
        {
            float[] theta = Random(n, n, 1), g = Random(n, n + 100, 1), G = [.. Random(n, n + 200, 1).Select(Math.Abs)];
            float[] t2 = (float[])theta.Clone(), G2 = (float[])G.Clone();
            float rate = 0.1f, eps = 1e-8f;
            for (int i = 0; i < n; i++)
            {
                G2[i] += g[i] * g[i];
                t2[i] -= rate * g[i] / (MathF.Sqrt(G2[i]) + eps);
            }

            Ops.AdagradUpdate<float>(theta, g, G, 0.1, 1e-8);

            Assert.Equal(G2, G);
            Assert.Equal(t2, theta);
        }
    }

    [Fact]
    public void SoftmaxAndLogSumExp_Float_MatchesDoubleReference_ForLengths1To70()
    {
        for (int n = 1; n <= 70; n++)
            foreach (double offset in new[] { 0.0, -500.0, 1000.0 })
            {
                var x = Random(n, n, 8).Select(v => (float)(v + offset)).ToArray();
                var p = new float[n];

                float lse = Ops.SoftmaxAndLogSumExp<float>(x, p);

                double max = x.Max(v => (double)v), sum = x.Sum(v => Math.Exp(v - max));
                Assert.Equal(max + Math.Log(sum), lse, Math.Abs(max) * 1e-6 + 1e-5);
                for (int i = 0; i < n; i++) Assert.Equal(Math.Exp(x[i] - max) / sum, p[i], 1e-6);
            }
    }

    [Fact]
    public void AddRowVectorAndSumRows_Float_MatchScalarLoopsBitForBit()
    {
        foreach (var (rows, cols) in new[] { (1, 1), (25, 100), (3, 16), (4, 17), (2, 65), (7, 33) })
        {
            var bias = Random(cols, cols, 1); var matrix = Random(rows * cols, rows + cols, 1); var dest = Random(cols, 7, 1);
            var expectedMatrix = (float[])matrix.Clone(); var expectedDest = (float[])dest.Clone();
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < cols; j++) { expectedDest[j] += matrix[r * cols + j]; expectedMatrix[r * cols + j] += bias[j]; }

            Ops.SumRowsAccumulate<float>(matrix, dest);
            Ops.AddRowVector<float>(bias, matrix);

            Assert.Equal(expectedDest, dest);
            Assert.Equal(expectedMatrix, matrix);
        }
    }
}
