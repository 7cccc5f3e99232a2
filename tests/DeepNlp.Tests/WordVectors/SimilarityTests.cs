using DeepNlp.Data;
using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class SimilarityTests
{
    [Fact]
    public void Evaluate_ToyVectors_RanksLikeTheHumansAndCountsOov()
    {
        var e = ToyVectors.Create();
        SimilarityPair[] pairs = [new("man", "king", 9), new("king", "queen", 7), new("man", "paris", 1), new("man", "berlin", 5)];

        var report = Similarity.Evaluate(e, pairs, "toy");

        Assert.Equal(4, report.Pairs);
        Assert.Equal(3, report.Found);
        Assert.Equal(1, report.Oov);
        Assert.Equal(1.0, report.Spearman, 12);
    }

    [Fact]
    public void Spearman_Ties_GetMeanRanks()
    {
        double rho = Similarity.Spearman([1, 2, 2, 3], [1, 2, 3, 4]);

        Assert.Equal(4.5 / Math.Sqrt(22.5), rho, 12);
    }

    [Fact]
    public void Spearman_ReversedOrder_IsMinusOne()
    {
        Assert.Equal(-1.0, Similarity.Spearman([1, 5, 9, 20], [4, 3, 2, 1]), 12);
    }
}
