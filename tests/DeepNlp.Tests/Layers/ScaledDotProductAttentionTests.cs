using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class ScaledDotProductAttentionTests
{
    private const int Batch = 2, Heads = 2, Time = 5, HeadSize = 3;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Backward_MatchesCentralDifferences_Float64(bool causal, bool padded)
    {
        var rng = new Random(7);
        int n = Batch * Heads * Time * HeadSize;
        var q = GradTestHelpers.RandomParameter("q", n, rng, 1.5);
        var k = GradTestHelpers.RandomParameter("k", n, rng, 1.5);
        var v = GradTestHelpers.RandomParameter("v", n, rng);
        var w = GradTestHelpers.RandomParameter("w", n, rng).Value;
        bool[] padding = padded ? [false, false, false, true, true, false, false, false, false, true] : [];
        var attention = new ScaledDotProductAttention<double>();
        var o = new double[n];

        double Loss() { attention.Forward(q.Value, k.Value, v.Value, Batch, Heads, Time, HeadSize, causal, padding, o); return Ops.Dot<double>(o, w); }
        void Backward() { Loss(); attention.Backward(q.Value, k.Value, v.Value, w, q.Grad, k.Grad, v.Grad); }
        var result = GradientCheck.Run([q, k, v], Loss, Backward);

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }

    [Fact]
    public void Forward_MaskedWeightsAreExactlyZero_AndRowsSumToOne()
    {
        var rng = new Random(8);
        int n = Batch * Heads * Time * HeadSize;
        var q = new double[n]; var k = new double[n]; var v = new double[n];
        Init.Normal<double>(q, 0, 30, rng); Init.Normal<double>(k, 0, 30, rng); Init.Normal<double>(v, 0, 1, rng);
        bool[] padding = [false, false, true, false, false, false, false, false, false, true];
        var attention = new ScaledDotProductAttention<double>();

        attention.Forward(q, k, v, Batch, Heads, Time, HeadSize, causal: true, padding, new double[n]);

        var p = attention.Weights.ToArray();
        for (int g = 0; g < Batch * Heads; g++)
            for (int i = 0; i < Time; i++)
            {
                double sum = 0;
                for (int j = 0; j < Time; j++)
                {
                    double pij = p[(g * Time + i) * Time + j];
                    if (j > i || padding[g / Heads * Time + j]) Assert.Equal(0.0, pij);
                    sum += pij;
                }
                Assert.Equal(1.0, sum, 12);
            }
    }

    [Fact]
    public void Forward_Float32_MatchesFloat64()
    {
        var rng = new Random(9);
        const int b = 4, h = 4, t = 64, d = 32;
        int n = b * h * t * d;
        var q = new double[n]; var k = new double[n]; var v = new double[n];
        Init.Normal<double>(q, 0, 1, rng); Init.Normal<double>(k, 0, 1, rng); Init.Normal<double>(v, 0, 1, rng);
        var o64 = new double[n]; var o32 = new float[n];

        new ScaledDotProductAttention<double>().Forward(q, k, v, b, h, t, d, true, default, o64);
        new ScaledDotProductAttention<float>().Forward(q.Select(x => (float)x).ToArray(), k.Select(x => (float)x).ToArray(),
            v.Select(x => (float)x).ToArray(), b, h, t, d, true, default, o32);

        for (int i = 0; i < n; i++) Assert.True(Math.Abs(o64[i] - o32[i]) < 1e-4, $"o[{i}]: {o64[i]} vs {o32[i]}");
    }
}
