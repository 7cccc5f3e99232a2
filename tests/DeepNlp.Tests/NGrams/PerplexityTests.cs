using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class PerplexityTests
{
    [Fact]
    public void Evaluate_CountsOneEndOfSentencePerSentence()
    {
        var (v, train) = TinyCorpus.Abab();
        var m = new MaximumLikelihoodModel(NGramCounts.Build(train, v, 2));

        var r = Perplexity.Evaluate(m, [TinyCorpus.Ids(v, "a", "b")]);

        // P(a|<s>) = 3/4, P(b|a) = 2/4, P(</s>|b) = 2/3: three tokens.
        Assert.Equal(3, r.Tokens);
        Assert.Equal(Math.Log10(0.75 * 0.5 * 2 / 3), r.Log10Probability, 1e-12);
        Assert.Equal(Math.Pow(0.75 * 0.5 * 2 / 3, -1.0 / 3), r.Perplexity, 1e-9);
        Assert.Equal(r.Perplexity, Math.Pow(2, r.CrossEntropyBits), 1e-9);
    }

    [Fact]
    public void Evaluate_OovConventions_KenLmCountsThemSrilmDropsThem()
    {
        var (v, train) = TinyCorpus.Abab();
        var m = new AddKModel(NGramCounts.Build(train, v, 2), 1);
        var sentence = TinyCorpus.Ids(v, "a", "zebra");   // zebra → <unk>

        var r = Perplexity.Evaluate(m, [sentence]);

        // Add-one: P(a|<s>) = 4/8, P(<unk>|a) = 1/8, P(</s>|<unk>) = 1/4 (unseen context → uniform).
        double pa = 0.5, punk = 0.125, pend = 0.25;
        Assert.Equal(1, r.Oovs);
        Assert.Equal(Math.Pow(pa * punk * pend, -1.0 / 3), r.Perplexity, 1e-9);
        Assert.Equal(Math.Pow(pa * pend, -1.0 / 2), r.PerplexityExcludingOov, 1e-9);
    }

    [Fact]
    public void Evaluate_UnseenBigramUnderMle_GivesInfinitePerplexity()
    {
        var (v, train) = TinyCorpus.Abab();
        var m = new MaximumLikelihoodModel(NGramCounts.Build(train, v, 2));

        var r = Perplexity.Evaluate(m, [TinyCorpus.Ids(v, "a", "a")]);

        Assert.Equal(1, r.ZeroProbabilityTokens);
        Assert.True(double.IsPositiveInfinity(r.Perplexity));
    }

    [Fact]
    public void BackoffModel_IncrementalScoring_EqualsContextByContextQueries()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var m = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 4), [0.5, 1, 1.5]);

        foreach (var s in test.Take(10))
        {
            var fast = new double[s.Length + 1];
            m.ScoreSentence(s, fast);
            var padded = new[] { v.BeginId }.Concat(s).Append(v.EndId).ToArray();
            for (int t = 1; t < padded.Length; t++)
                Assert.Equal(m.Log10Probability(padded.AsSpan(0, t), padded[t]), fast[t - 1], 1e-9);
        }
    }

    [Fact]
    public void Evaluate_SameModelTwice_GivesTheSameResult()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var counts = NGramCounts.Build(train, v, 3);

        var a = Perplexity.Evaluate(ModifiedKneserNeyModel.Estimate(counts), test);
        var b = Perplexity.Evaluate(ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3)), test);

        Assert.Equal(a.Log10Probability, b.Log10Probability);
    }
}
