using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class KneserNeyEstimatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Estimate_OneWorkerOrMany_GivesBitIdenticalModels(bool modified)
    {
        var (_, sentences) = TinyCorpus.Synthetic(20_000, 30_000, seed: 3);
        var v = NGramText.BuildVocabulary(sentences);
        var counts = NGramCounts.Build(NGramText.Encode(sentences, v), v, 5);

        double[] fallback = [0.5, 1, 1.5];   // random text has too few repeated 4- and 5-grams for some discounts

        var one = KneserNeyEstimator.Estimate(counts, modified, fallback, workers: 1);
        var many = KneserNeyEstimator.Estimate(counts, modified, fallback, workers: 4);

        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(one.Prob[k], many.Prob[k]);
            Assert.Equal(one.Backoff[k], many.Backoff[k]);
            Assert.Equal((one.Discounts[k].D1, one.Discounts[k].D2, one.Discounts[k].D3Plus), (many.Discounts[k].D1, many.Discounts[k].D2, many.Discounts[k].D3Plus));
            Assert.Equal(one.Discounts[k].CountsOfCounts, many.Discounts[k].CountsOfCounts);
        }
    }

    [Fact]
    public void AdjustedCounts_SplitOverChunks_EqualTheContinuationCountsByHand()
    {
        var (_, sentences) = TinyCorpus.Synthetic(20_000, 3000, seed: 5);
        var v = NGramText.BuildVocabulary(sentences);
        var counts = NGramCounts.Build(NGramText.Encode(sentences, v), v, 3);
        var expected = new int[counts.Level(2).Length];
        foreach (int s in counts.Level(3).Suffix) expected[s]++;
        for (int g = 0; g < expected.Length; g++) if (counts.Level(2).StartsWithBos[g]) expected[g] = counts.Level(2).Counts[g];

        using var adjusted = KneserNeyEstimator.AdjustedCounts(counts, 2, new ParallelOptions());
        var a = adjusted.Span.ToArray();

        Assert.True(counts.Level(3).Length > 1 << 16);   // the parallel path ran
        Assert.Equal(expected, a);
    }
}
