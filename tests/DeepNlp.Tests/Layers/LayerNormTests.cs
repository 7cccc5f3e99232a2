using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class LayerNormTests
{
    [Fact]
    public void Forward_MatchesPyTorchFixture()
    {
        var f = TransformerFixture.Load("layernorm.json");
        var norm = new LayerNorm<double>("norm", TransformerFixture.Int(f, "size"));
        TransformerFixture.LoadWeights(norm.Parameters, f, "norm.");
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];

        norm.Forward(x, y);

        TransformerFixture.AssertClose(TransformerFixture.A(f, "y"), y, f, "y");
    }

    [Fact]
    public void Backward_MatchesPyTorchFixture()
    {
        var f = TransformerFixture.Load("layernorm.json");
        var norm = new LayerNorm<double>("norm", TransformerFixture.Int(f, "size"));
        TransformerFixture.LoadWeights(norm.Parameters, f, "norm.");
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];
        var dx = new double[x.Length];

        norm.Forward(x, y);
        norm.Backward(TransformerFixture.A(f, "w"), dx);

        TransformerFixture.AssertGradients(norm.Parameters, f, "norm.");
        TransformerFixture.AssertClose(TransformerFixture.A(f, "grad_x"), dx, f, "grad_x");
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(3);
        var norm = new LayerNorm<double>("norm", 7);
        Init.Uniform<double>(norm.Weight.Value, 0.5, 1.5, rng);
        Init.Uniform<double>(norm.Bias.Value, -0.5, 0.5, rng);
        var x = GradTestHelpers.RandomParameter("x", 4 * 7, rng, 2);
        var w = GradTestHelpers.RandomParameter("w", 4 * 7, rng).Value;
        var y = new double[x.Length];

        double Loss() { norm.Forward(x.Value, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([.. norm.Parameters, x], Loss, () => { norm.Forward(x.Value, y); norm.Backward(w, x.Grad); });

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }

    [Fact]
    public void Forward_Float32_MatchesFloat64()
    {
        var rng = new Random(4);
        var x = new double[64 * 128];
        Init.Normal<double>(x, 3, 2, rng);
        var norm64 = new LayerNorm<double>("n", 128);
        var norm32 = new LayerNorm<float>("n", 128);
        var y64 = new double[x.Length];
        var y32 = new float[x.Length];

        norm64.Forward(x, y64);
        norm32.Forward(x.Select(v => (float)v).ToArray(), y32);

        for (int i = 0; i < x.Length; i++) Assert.True(Math.Abs(y64[i] - y32[i]) < 1e-5, $"y[{i}]: {y64[i]} vs {y32[i]}");
    }
}
