using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class TransformerBlockTests
{
    private static (TransformerBlock<double> Block, System.Text.Json.JsonElement Fixture) FromFixture()
    {
        var f = TransformerFixture.Load("block.json");
        var block = new TransformerBlock<double>("blk", TransformerFixture.Int(f, "model"), TransformerFixture.Int(f, "heads"),
            TransformerFixture.Int(f, "feedforward"), new Random(0));
        TransformerFixture.LoadWeights(block.Parameters, f, "blk.");
        return (block, f);
    }

    [Fact]
    public void Forward_MatchesPyTorchFixture()
    {
        var (block, f) = FromFixture();
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];

        block.Forward(x, TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"), causal: true, TransformerFixture.Bools(f, "padding"), y);

        TransformerFixture.AssertClose(TransformerFixture.A(f, "y"), y, f, "y");
    }

    [Fact]
    public void Backward_MatchesPyTorchFixture()
    {
        var (block, f) = FromFixture();
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];
        var dx = new double[x.Length];

        block.Forward(x, TransformerFixture.Int(f, "batch"), TransformerFixture.Int(f, "time"), causal: true, TransformerFixture.Bools(f, "padding"), y);
        block.Backward(TransformerFixture.A(f, "w"), dx);

        TransformerFixture.AssertGradients(block.Parameters, f, "blk.");
        TransformerFixture.AssertClose(TransformerFixture.A(f, "grad_x"), dx, f, "grad_x");
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(11);
        const int batch = 2, time = 3, E = 4;
        var block = new TransformerBlock<double>("blk", E, 2, 6, rng);
        foreach (var p in block.Parameters) Init.Uniform<double>(p.Value, -0.6, 0.6, rng);
        var x = GradTestHelpers.RandomParameter("x", batch * time * E, rng);
        var w = GradTestHelpers.RandomParameter("w", batch * time * E, rng).Value;
        var y = new double[x.Length];

        double Loss() { block.Forward(x.Value, batch, time, true, default, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([.. block.Parameters, x], Loss, () => { Loss(); block.Backward(w, x.Grad); });

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }
}
