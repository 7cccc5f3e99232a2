using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class MultiHeadSelfAttentionTests
{
    private static (MultiHeadSelfAttention<double> Layer, System.Text.Json.JsonElement Fixture) FromFixture()
    {
        var f = TransformerFixture.Load("mha.json");
        var layer = new MultiHeadSelfAttention<double>("m", TransformerFixture.Int(f, "model"), TransformerFixture.Int(f, "heads"), new Random(0));
        TransformerFixture.LoadWeights(layer.Parameters, f, "m.");
        return (layer, f);
    }

    [Fact]
    public void Forward_MatchesPyTorchFixture()
    {
        var (layer, f) = FromFixture();
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];

        layer.Forward(x, TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"), causal: true, TransformerFixture.Bools(f, "padding"), y);

        TransformerFixture.AssertClose(TransformerFixture.A(f, "y"), y, f, "y");
        TransformerFixture.AssertClose(TransformerFixture.A(f, "weights"), layer.Attention.Weights, f, "attention weights");
    }

    [Fact]
    public void Backward_MatchesPyTorchFixture()
    {
        var (layer, f) = FromFixture();
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];
        var dx = new double[x.Length];

        layer.Forward(x, TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"), causal: true, TransformerFixture.Bools(f, "padding"), y);
        layer.Backward(TransformerFixture.A(f, "w"), dx);

        TransformerFixture.AssertGradients(layer.Parameters, f, "m.");
        TransformerFixture.AssertClose(TransformerFixture.A(f, "grad_x"), dx, f, "grad_x");
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(10);
        const int batch = 2, time = 4, E = 8;
        var layer = new MultiHeadSelfAttention<double>("m", E, 2, rng);
        Init.Uniform<double>(layer.InProjBias.Value, -0.3, 0.3, rng);
        Init.Uniform<double>(layer.OutProj.B!.Value, -0.3, 0.3, rng);
        var x = GradTestHelpers.RandomParameter("x", batch * time * E, rng);
        var w = GradTestHelpers.RandomParameter("w", batch * time * E, rng).Value;
        bool[] padding = [false, false, false, false, false, false, true, true];
        var y = new double[x.Length];

        double Loss() { layer.Forward(x.Value, batch, time, true, padding, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([.. layer.Parameters, x], Loss, () => { Loss(); layer.Backward(w, x.Grad); });

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }
}
