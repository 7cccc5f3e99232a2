using DeepNlp.Evaluation;

namespace DeepNlp.Tests.Evaluation;

/// <summary>chrF as sacrebleu 2.x's default <c>CHRF()</c>, on hand-computed cases (there is no sacrebleu fixture: it is not installable here).</summary>
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

    [Fact]
    public void Corpus_EmptyHypothesis_ScoresZeroWithNoEffectiveOrder()
    {
        var chrf = ChrF.Corpus(["abc"], [""]);

        Assert.Equal(0.0, chrf.Score);
        Assert.Equal(0, chrf.EffectiveOrder);
    }

    [Fact]
    public void Corpus_EmptyHypothesisInCorpus_CountsItsReferenceAgainstRecall()
    {
        // ("" | "abc") + ("xy" | "xy"): n=1 M/H/R = 2/2/5, n=2 1/1/3, n=3 H = 0 so not effective.
        // P = 1, R = (2/5 + 1/3)/2 = 11/30, chrF = 100·5·R/(4 + R) = 5500/131.
        var chrf = ChrF.Corpus(["abc", "xy"], ["", "xy"]);

        Assert.Equal(2, chrf.EffectiveOrder);
        Assert.Equal(11.0 / 30, chrf.Recall, 15);
        Assert.Equal(5500.0 / 131, chrf.Score, 12);
    }

    [Fact]
    public void Corpus_ReferenceWithoutNGramsOfAnOrder_DropsThatSentencesHypothesisNGrams()
    {
        // sacrebleu's "hyp_count if ref_ngrams else 0": ("ab" | "a") has no reference 2-gram, so its hypothesis 2-gram
        // "ab" is not counted. With ("abcdefg" | "abcdefg"): n=1 M/H/R = 8/9/8, n=2..6 all matches, P_n = R_n = 1.
        // P = (8/9 + 5)/6 = 53/54, R = 1, chrF = 100·5·P/(4P + 1) = 26500/266. Counting "ab" would give P_2 = 6/7.
        var chrf = ChrF.Corpus(["a", "abcdefg"], ["ab", "abcdefg"]);

        Assert.Equal(6, chrf.EffectiveOrder);
        Assert.Equal(53.0 / 54, chrf.Precision, 15);
        Assert.Equal(1.0, chrf.Recall, 15);
        Assert.Equal(26500.0 / 266, chrf.Score, 12);
    }

    [Fact]
    public void Corpus_NGramsAreCodePoints_NotUtf16Units()
    {
        // Python indexes strings by code point: "😀a" vs "😀b" is n=1 1/2 matched, n=2 0/1, so P = R = 1/4, chrF = 25.
        var chrf = ChrF.Corpus(["\U0001F600b"], ["\U0001F600a"]);

        Assert.Equal(2, chrf.EffectiveOrder);
        Assert.Equal(25.0, chrf.Score, 12);
    }

    [Fact]
    public void Corpus_RemovesPythonWhitespace_IncludingInformationSeparators()
    {
        // Python's str.split() also splits on U+001C..U+001F and U+3000; .NET's char.IsWhiteSpace misses the former.
        Assert.Equal(100.0, ChrF.Corpus(["abc"], ["a\u001Cb\u3000c\u001F"]).Score, 12);
    }
}
