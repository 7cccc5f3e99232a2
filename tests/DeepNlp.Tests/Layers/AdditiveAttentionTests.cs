using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

public class AdditiveAttentionTests
{
    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var attention = new AdditiveAttention<double>("att", querySize: 3, memorySize: 5, attentionSize: 4, new Random(1));

        var (result, memory) = AttentionTestHelpers.Check(attention, AttentionTestHelpers.Mask, seed: 2);

        Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
        Assert.Equal(5, result.Parameters.Count);
        Assert.All(result.Parameters, p => Assert.True(p.AnalyticNorm > 0, p.Name));
        Assert.All(memory.Grad.AsSpan(5 * 4 + 5 * 2, 5 * 2).ToArray(), g => Assert.Equal(0.0, g));   // row 1's padded keys get no gradient
    }

    [Fact]
    public void Forward_MaskedWeightsAreExactlyZero_AndRowsSumToOne()
    {
        var attention = new AdditiveAttention<double>("att", 3, 5, 4, new Random(1));

        var w = AttentionTestHelpers.RunWeights(attention, AttentionTestHelpers.Mask, seed: 3);

        for (int r = 0; r < 6; r++) Assert.Equal(1.0, w.AsSpan(r * 4, 4).ToArray().Sum(), 12);
        for (int i = 0; i < 3; i++) Assert.Equal([0.0, 0.0], w.AsSpan((3 + i) * 4 + 2, 2).ToArray());
    }

    [Fact]
    public void Forward_MatchesTheFormulaByHand()
    {
        var attention = new AdditiveAttention<double>("att", 1, 1, 1, new Random(1));
        attention.Wq.Value[0] = 1; attention.Wk.Value[0] = 2; attention.V.Value[0] = 3;
        double[] memory = [0.5, -1.0];
        var context = new double[1];

        attention.Forward([0.25], memory, default, 1, 1, 2, context);

        double e0 = 3 * Math.Tanh(0.25 + 1.0), e1 = 3 * Math.Tanh(0.25 - 2.0);   // e_j = v tanh(W_q q + W_k k_j)
        double a0 = Math.Exp(e0) / (Math.Exp(e0) + Math.Exp(e1));
        Assert.Equal(a0, attention.Weights[0], 14);
        Assert.Equal(a0 * 0.5 + (1 - a0) * -1.0, context[0], 14);
    }

    [Fact]
    public void Forward_MaskHidingEveryKey_Throws()
    {
        var attention = new AdditiveAttention<double>("att", 1, 1, 1, new Random(1));

        var e = Assert.Throws<ArgumentException>(() => attention.Forward([1.0], [1.0, 2.0], [false, false], 1, 1, 2, new double[1]));

        Assert.Contains("hides every key", e.Message);
    }
}
