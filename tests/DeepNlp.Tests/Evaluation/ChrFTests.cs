using DeepNlp.Evaluation;

namespace DeepNlp.Tests.Evaluation;

/// <summary>chrF (β = 2, char orders 1..6, whitespace removed, sacrebleu's effective-order averaging) on hand-computed cases.</summary>
public class ChrFTests
{
    [Fact]
    public void Corpus_IdenticalText_Scores100()
    {
        var chrf = ChrF.Corpus(["the cat sat"], ["the cat sat"]);

        Assert.Equal(100.0, chrf.Score, 12);
        Assert.Equal(6, chrf.EffectiveOrder);
    }

    [Fact]
    public void Corpus_PrefixHypothesis_MatchesHandComputation()
    {
        // "ab" vs "abc": n=1 P=2/2 R=2/3; n=2 P=1/1 R=1/2; n≥3 no hypothesis n-gram, not effective.
        // P = 1, R = 7/12, chrF = 100·5·P·R/(4P + R) = 100·35/55.
        var chrf = ChrF.Corpus(["abc"], ["ab"]);

        Assert.Equal(2, chrf.EffectiveOrder);
        Assert.Equal(1.0, chrf.Precision, 15);
        Assert.Equal(7.0 / 12, chrf.Recall, 15);
        Assert.Equal(100.0 * 35 / 55, chrf.Score, 12);
    }

    [Fact]
    public void Corpus_SumsStatisticsOverSentences_BeforeDividing()
    {
        // ("ab" | "abc") + ("xyz" | "xyz"): n=1 M/H/R = 5/5/6, n=2 3/3/4, n=3 1/1/2; P = 1, R = (5/6 + 3/4 + 1/2)/3 = 25/36.
        var chrf = ChrF.Corpus(["abc", "xyz"], ["ab", "xyz"]);

        Assert.Equal(25.0 / 36, chrf.Recall, 15);
        Assert.Equal(12500.0 / 169, chrf.Score, 12);
    }

    [Fact]
    public void Corpus_IgnoresWhitespace()
    {
        Assert.Equal(100.0, ChrF.Corpus(["a b  c"], ["abc"]).Score, 12);
    }

    [Fact]
    public void Corpus_NoSharedCharacter_ScoresZero()
    {
        Assert.Equal(0.0, ChrF.Corpus(["abc"], ["xyz"]).Score);
    }

    [Fact]
    public void Corpus_BetaTwo_WeighsRecallOverPrecision()
    {
        // Same matches, one hypothesis too short (low recall), one too long (low precision): recall costs more.
        double shortHyp = ChrF.Corpus(["abcdefgh"], ["abcd"]).Score;
        double longHyp = ChrF.Corpus(["abcd"], ["abcdefgh"]).Score;

        Assert.True(shortHyp < longHyp, $"short {shortHyp}, long {longHyp}");
    }
}
