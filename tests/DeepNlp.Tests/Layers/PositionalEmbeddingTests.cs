using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class PositionalEmbeddingTests
{
    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(12);
        var positions = new PositionalEmbedding<double>("pos", 6, 3, rng);
        var x0 = GradTestHelpers.RandomParameter("x", 2 * 4 * 3, rng);
        var w = GradTestHelpers.RandomParameter("w", 2 * 4 * 3, rng).Value;
        var x = new double[x0.Length];

        double Loss() { x0.Value.CopyTo(x, 0); positions.Forward(x, 2, 4); return Ops.Dot<double>(x, w); }
        var result = GradientCheck.Run(positions.Parameters, Loss, () => { Loss(); positions.Backward(w, 2, 4); });

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
        Assert.Equal(0.0, positions.Weight.Grad[4 * 3]);   // rows past the sequence length get no gradient
    }

    [Fact]
    public void Forward_LongerThanTable_Throws()
    {
        var positions = new PositionalEmbedding<double>("pos", 4, 2, new Random(1));

        var e = Assert.Throws<ArgumentException>(() => positions.Forward(new double[1 * 5 * 2], 1, 5));

        Assert.Contains("exceeds the 4 learned positions", e.Message);
    }
}
