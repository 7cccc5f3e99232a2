using DeepNlp.Kernels;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using Band = DeepNlp.Kernels.AttentionF32.Band;

namespace DeepNlp.Tests.Kernels;

// The float32 attention kernel: its banded products against a textbook product, and the whole layer against float64.
public class AttentionF32Tests
{
    private static float[] Random(int n, Random rng) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];

    public static TheoryData<int, int, int> Shapes()
    {
        var d = new TheoryData<int, int, int>();
        foreach (var (m, n, k) in new[] { (4, 16, 4), (128, 128, 32), (128, 32, 128), (13, 13, 8), (13, 24, 13), (9, 5, 9), (7, 40, 3), (20, 20, 20) })
            d.Add(m, n, k);
        return d;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public unsafe void Product_EqualsTextbookProduct_InEveryBand(int m, int n, int k)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        foreach (Band band in Enum.GetValues<Band>())
            foreach (bool transposedA in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                {
                    if (band is Band.InnerToRow or Band.InnerFromRow && k != m) continue;   // those bands are for square a
                    // a(i, p) stored [m, k] (sa = k, sp = 1) or [k, m] (sa = 1, sp = m); triangular where the band assumes it.
                    var a = Random(m * k, rng);
                    int sa = transposedA ? 1 : k, sp = transposedA ? m : 1;
                    for (int i = 0; i < m; i++)
                        for (int p = 0; p < k; p++)
                            if (band == Band.InnerToRow && p > i || band == Band.InnerFromRow && p < i) a[i * sa + p * sp] = 0;
                    var b = Random(k * n, rng);
                    var c0 = Random(m * n, rng);
                    var actual = (float[])c0.Clone(); var twin = (float[])c0.Clone();

                    fixed (float* pa = a, pb = b, pc = actual, pt = twin)
                    {
                        AttentionF32.Product(m, n, k, pa, sa, sp, pb, n, pc, n, band, accumulate);
                        AttentionF32.ProductReference(m, n, k, pa, sa, sp, pb, n, pt, n, band, accumulate);
                    }

                    string context = $"band {band}, a transposed {transposedA}, accumulate {accumulate}";
                    Assert.True(actual.AsSpan().SequenceEqual(twin), $"{context}: the tiles differ from their scalar twin");
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            bool written = band != Band.ColumnsToRow || j < Math.Min(n, (i / AttentionF32.TileRows + 1) * AttentionF32.TileRows);
                            double expected = written ? (accumulate ? c0[i * n + j] : 0) : c0[i * n + j];
                            if (written)
                                for (int p = 0; p < k; p++) expected += (double)a[i * sa + p * sp] * b[p * n + j];
                            Assert.True(Math.Abs(expected - actual[i * n + j]) <= 1e-5 * (1 + k), $"{context}: C[{i}, {j}] {actual[i * n + j]} vs {expected}");
                        }
                }
    }

    public static TheoryData<int, int, bool, bool> LayerShapes()
    {
        var d = new TheoryData<int, int, bool, bool>();
        foreach (var (t, h) in new[] { (64, 32), (13, 8), (10, 3), (21, 16) })
            foreach (bool causal in new[] { true, false })
                foreach (bool padded in new[] { false, true })
                    d.Add(t, h, causal, padded);
        return d;
    }

    // The float path (AttentionF32 on AVX2/FMA) against the float64 layer (the generic products), forward and backward.
    [Theory]
    [MemberData(nameof(LayerShapes))]
    public void Layer_Float32_MatchesFloat64_ForwardAndBackward(int time, int headSize, bool causal, bool padded)
    {
        const int b = 2, h = 3;
        var rng = new Random(time * 100 + headSize);
        int n = b * h * time * headSize;
        double[] Normal() { var x = new double[n]; Init.Normal<double>(x, 0, 1, rng); return x; }
        double[] q = Normal(), k = Normal(), v = Normal(), dO = Normal();
        bool[] padding = padded ? [.. Enumerable.Range(0, b * time).Select(i => i % time % 4 == 2)] : [];
        float[] F(double[] x) => [.. x.Select(e => (float)e)];
        var a64 = new ScaledDotProductAttention<double>(); var a32 = new ScaledDotProductAttention<float>();
        var o64 = new double[n]; var o32 = new float[n];
        double[] dq64 = new double[n], dk64 = new double[n], dv64 = new double[n];
        float[] dq32 = new float[n], dk32 = new float[n], dv32 = new float[n];

        a64.Forward(q, k, v, b, h, time, headSize, causal, padding, o64);
        a32.Forward(F(q), F(k), F(v), b, h, time, headSize, causal, padding, o32);
        a64.Backward(q, k, v, dO, dq64, dk64, dv64);
        a32.Backward(F(q), F(k), F(v), F(dO), dq32, dk32, dv32);

        void Close(string name, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual)
        {
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5 * (1 + Math.Abs(expected[i])), $"{name}[{i}]: {actual[i]} vs {expected[i]}");
        }
        Close("P", a64.Weights, a32.Weights);
        Close("O", o64, o32);
        Close("dQ", dq64, dq32);
        Close("dK", dk64, dk32);
        Close("dV", dv64, dv32);
        if (causal)
            for (int g = 0; g < b * h; g++)
                for (int i = 0; i < time; i++)
                    for (int j = i + 1; j < time; j++) Assert.Equal(0f, a32.Weights[(g * time + i) * time + j]);
    }
}

// Thread count never changes what the attention computes (each (sequence, head) pair runs whole on one thread).
[Collection("WorkerPool")]
public class AttentionF32ThreadTests
{
    [Fact]
    public void Layer_Float32_SameResultWithOneAndTwoThreads()
    {
        const int b = 4, h = 4, t = 32, d = 16;
        int n = b * h * t * d;
        var rng = new Random(3);
        float[] Normal() { var x = new double[n]; Init.Normal<double>(x, 0, 1, rng); return [.. x.Select(e => (float)e)]; }
        float[] q = Normal(), k = Normal(), v = Normal(), dO = Normal();
        float[][] Run(int threads)
        {
            int saved = Ops.MaxThreads;
            try
            {
                Ops.MaxThreads = threads;
                var a = new ScaledDotProductAttention<float>();
                float[] o = new float[n], dq = new float[n], dk = new float[n], dv = new float[n];
                a.Forward(q, k, v, b, h, t, d, true, default, o);
                a.Backward(q, k, v, dO, dq, dk, dv);
                return [o, dq, dk, dv];
            }
            finally { Ops.MaxThreads = saved; }
        }

        var one = Run(1); var two = Run(2);

        for (int i = 0; i < one.Length; i++) Assert.True(one[i].AsSpan().SequenceEqual(two[i]), $"output {i} differs");
    }
}
