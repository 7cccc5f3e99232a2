using DeepNlp.Evaluation;

namespace DeepNlp.Tests.Evaluation;

public class ErrorRateTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("same", "same", 0)]
    public void Levenshtein_KnownPairs(string reference, string hypothesis, int expected)
    {
        int d = ErrorRate.Levenshtein(reference.ToCharArray(), hypothesis.ToCharArray());

        Assert.Equal(expected, d);
    }

    [Fact]
    public void PhonemeErrorRate_IsTotalEditsOverTotalReferenceLength()
    {
        IReadOnlyList<string>[] refs = [["K", "AE", "T"], ["D", "AO", "G", "Z"]];
        IReadOnlyList<string>[] hyps = [["K", "AH", "T"], ["D", "AO", "G", "Z"]];

        var per = ErrorRate.PhonemeErrorRate(refs, hyps);

        Assert.Equal(1, per.Edits);
        Assert.Equal(7, per.ReferenceLength);
        Assert.Equal(1.0 / 7, per.Rate, 15);
        Assert.Equal(0.5, per.SequenceErrorRate);
    }

    [Fact]
    public void WordErrorRate_CountsSubstitutionInsertionAndDeletion_AtCorpusLevel()
    {
        string[] refs = ["the cat sat on the mat", "hello world"];
        string[] hyps = ["the cat sit on mat", "hello  big world"];

        var wer = ErrorRate.WordErrorRate(refs, hyps);

        Assert.Equal(3, wer.Edits);                                   // sat→sit, -the, +big
        Assert.Equal(8, wer.ReferenceLength);
        Assert.Equal(3.0 / 8, wer.Rate, 15);                          // not the mean of 2/6 and 1/2
    }

    [Fact]
    public void Corpus_DifferentCounts_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ErrorRate.WordErrorRate(["a"], ["a", "b"]));

        Assert.Contains("1 references but 2 hypotheses", e.Message);
    }
}
