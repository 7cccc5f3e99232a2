using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

public class MultiplicativeAttentionTests
{
    [Theory]
    [InlineData(true, 3, 5)]
    [InlineData(false, 4, 4)]
    public void Backward_MatchesCentralDifferences_Float64(bool general, int querySize, int memorySize)
    {
        var attention = new MultiplicativeAttention<double>("att", querySize, memorySize, new Random(1), general);

        var (result, memory) = AttentionTestHelpers.Check(attention, AttentionTestHelpers.Mask, seed: 4);

        Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
        Assert.Equal(general ? 3 : 2, result.Parameters.Count);
        Assert.All(result.Parameters, p => Assert.True(p.AnalyticNorm > 0, p.Name));
        Assert.All(memory.Grad.AsSpan(memorySize * 4 + memorySize * 2, memorySize * 2).ToArray(), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Forward_MaskedWeightsAreExactlyZero_AndRowsSumToOne()
    {
        var attention = new MultiplicativeAttention<double>("att", 3, 5, new Random(1));

        var w = AttentionTestHelpers.RunWeights(attention, AttentionTestHelpers.Mask, seed: 5);

        for (int r = 0; r < 6; r++) Assert.Equal(1.0, w.AsSpan(r * 4, 4).ToArray().Sum(), 12);
        for (int i = 0; i < 3; i++) Assert.Equal([0.0, 0.0], w.AsSpan((3 + i) * 4 + 2, 2).ToArray());
    }

    [Fact]
    public void Forward_Dot_WeighsKeysBySoftmaxOfDotProducts()
    {
        var attention = new MultiplicativeAttention<double>("att", 2, 2, new Random(1), general: false);
        double[] memory = [1, 0, 0, 2];
        var context = new double[2];

        attention.Forward([1.0, 1.0], memory, default, 1, 1, 2, context);

        double a0 = Math.Exp(1) / (Math.Exp(1) + Math.Exp(2));                  // e = [qᵀk_0, qᵀk_1] = [1, 2]
        Assert.Equal(a0, attention.Weights[0], 14);
        Assert.Equal(new[] { a0, 2 * (1 - a0) }, context, (x, y) => Math.Abs(x - y) < 1e-14);
    }

    [Fact]
    public void Constructor_DotWithUnequalSizes_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiplicativeAttention<double>("att", 3, 4, new Random(1), general: false));

        Assert.Contains("equal query and memory sizes", e.Message);
    }
}
