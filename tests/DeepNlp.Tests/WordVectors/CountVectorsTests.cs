using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class CountVectorsTests
{
    private static TrainingCorpus Abca() => TrainingCorpus.FromSentences([["a", "b", "c", "a"]], minCount: 1);

    [Fact]
    public void Count_Window1_CountsAdjacentPairsBothWays()
    {
        var X = CooccurrenceMatrix.Count(Abca(), window: 1);

        Assert.Equal(["a", "b", "c"], X.Words);
        Assert.Equal(1f, X[0, 1]);
        Assert.Equal(1f, X[1, 0]);
        Assert.Equal(1f, X[0, 2]);
        Assert.Equal(1f, X[1, 2]);
        Assert.Equal(0f, X[0, 0]);
        Assert.Equal(6, X.NonZeros);
    }

    [Fact]
    public void Count_DistanceWeighting_AddsOneOverDistance()
    {
        var X = CooccurrenceMatrix.Count(Abca(), window: 2, distanceWeighting: true);

        Assert.Equal(1.5f, X[0, 1]);
        Assert.Equal(1.5f, X[0, 2]);
        Assert.Equal(1f, X[1, 2]);
    }

    [Fact]
    public void Ppmi_UniformCounts_IsLogOfOnePointFive()
    {
        var X = CooccurrenceMatrix.Count(Abca(), window: 1);

        var P = X.Ppmi();

        Assert.Equal(Math.Log(1.5), P[0, 1], 5);
        Assert.Equal(Math.Log(1.5), P[2, 1], 5);
    }

    [Fact]
    public void TruncatedSvd_PpmiOfTopicCorpus_SeparatesTheTopics()
    {
        var X = CooccurrenceMatrix.Count(TopicCorpus.Create(), window: 2).Ppmi();

        var e = TruncatedSvd.Embed(X, k: 4, seed: 3);

        Assert.Equal(4, e.Dimension);
        Assert.True(TopicCorpus.Separation(e) > 0.5, $"separation {TopicCorpus.Separation(e)}");
    }

    [Fact]
    public void TruncatedSvd_ColumnNorms_AreTheSingularValues()
    {
        var X = CooccurrenceMatrix.Count(TopicCorpus.Create(200), window: 2).Ppmi();
        var dense = X.ToDense();
        var A = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(X.Size, X.Size, (i, j) => dense.Row(i)[j]);
        var sigma = A.Svd(computeVectors: false).S;

        var e = TruncatedSvd.Embed(X, k: 5, eigenWeight: 1, powerIterations: 6, seed: 2);

        for (int j = 0; j < 5; j++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, e.Count).Sum(i => (double)e.Row(i)[j] * e.Row(i)[j]));
            Assert.Equal(sigma[j], norm, 3);
        }
    }

    [Fact]
    public void GloVe_TopicCorpus_CostFallsAndTopicsSeparate()
    {
        var X = CooccurrenceMatrix.Count(TopicCorpus.Create(), window: 5, distanceWeighting: true);
        var options = new GloVeOptions(Dimension: 8, Epochs: 15, Seed: 2);

        var model = GloVe.Train(X, options);
        var again = GloVe.Train(X, options);

        Assert.True(model.Costs[^1] < model.Costs[0] / 2, string.Join(", ", model.Costs));
        Assert.True(TopicCorpus.Separation(model.Vectors()) > 0.3);
        Assert.Equal(model.W, again.W);
    }
}
