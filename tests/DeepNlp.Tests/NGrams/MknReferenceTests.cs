using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

/// <summary>The modified-KN model against fixtures/make_mkn_reference.py, an independent re-derivation of lmplz.</summary>
public class MknReferenceTests
{
    private const double Tol = 2e-5;   // log10; the C# model stores floats

    private static (MknReference R, ModifiedKneserNeyModel M, DeepNlp.Text.Vocabulary V) Build()
    {
        var r = MknReference.Load();
        var (v, train, _) = TinyCorpus.Gutenberg200();
        return (r, ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, r.Order)), v);
    }

    [Fact]
    public void Discounts_MatchTheReference()
    {
        var (r, m, _) = Build();

        for (int n = 1; n <= r.Order; n++)
        {
            Assert.Equal(r.Discounts[n - 1][0], m.Discounts[n - 1].D1, 1e-12);
            Assert.Equal(r.Discounts[n - 1][1], m.Discounts[n - 1].D2, 1e-12);
            Assert.Equal(r.Discounts[n - 1][2], m.Discounts[n - 1].D3Plus, 1e-12);
        }
    }

    [Fact]
    public void StoredNGramCounts_MatchTheReference()
    {
        var (r, m, _) = Build();

        for (int n = 1; n <= r.Order; n++) Assert.Equal(r.NgramCounts[n - 1], m.NGramCount(n));
    }

    [Fact]
    public void StoredProbabilitiesAndBackoffs_MatchTheReference()
    {
        var (r, m, v) = Build();

        foreach (var e in r.Entries)
        {
            var tokens = e[0].EnumerateArray().Select(t => t.GetString()!).ToArray();
            Assert.True(m.TryGetEntry(tokens.Select(t => v[t]).ToArray(), out float logp, out float logb), string.Join(' ', tokens));
            Assert.Equal(e[1].GetDouble(), logp, Tol);
            Assert.Equal(e[2].GetDouble(), logb, Tol);
        }
    }

    [Fact]
    public void HeldOutTokenScores_MatchTheReferenceQuery()
    {
        var (r, m, _) = Build();
        var (_, _, test) = TinyCorpus.Gutenberg200();

        for (int s = 0; s < test.Count; s++)
        {
            var scores = Perplexity.ScoreTokens(m, test[s]);
            Assert.Equal(r.TestLog10[s].Length, scores.Count);
            for (int t = 0; t < scores.Count; t++) Assert.Equal(r.TestLog10[s][t], scores[t].Log10Probability, Tol);
        }
    }
}
