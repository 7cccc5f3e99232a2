using System.Text.Json;
using DeepNlp.Evaluation;

namespace DeepNlp.Tests.Evaluation;

/// <summary>Corpus BLEU against NLTK 3.8's corpus_bleu (fixtures/bleu/make.py).</summary>
public class BleuTests
{
    private static JsonElement Fixture()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "tests", "DeepNlp.Tests", "fixtures", "bleu", "bleu.json");
            if (File.Exists(p)) return JsonDocument.Parse(File.ReadAllText(p)).RootElement.Clone();
        }
        throw new FileNotFoundException($"fixtures/bleu/bleu.json not found above {AppContext.BaseDirectory}.");
    }

    private static IReadOnlyList<string> Tokens(JsonElement e) => [.. e.EnumerateArray().Select(t => t.GetString()!)];

    public static TheoryData<string> CaseNames() => [.. Fixture().GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Corpus_MatchesNltkCorpusBleu_To1e9(string name)
    {
        var fixture = Fixture();
        var c = fixture.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> refs =
            [.. c.GetProperty("references").EnumerateArray().Select(rs => (IReadOnlyList<IReadOnlyList<string>>)[.. rs.EnumerateArray().Select(Tokens)])];
        IReadOnlyList<IReadOnlyList<string>> hyps = [.. c.GetProperty("hypotheses").EnumerateArray().Select(Tokens)];
        double[] weights = [.. c.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble())];
        var smoothing = c.GetProperty("smoothing").GetString() == "method1" ? BleuSmoothing.Method1 : BleuSmoothing.None;
        double expected = c.GetProperty("bleu").GetDouble();

        var bleu = Bleu.Corpus(refs, hyps, weights, smoothing);

        Assert.True(Math.Abs(expected - bleu.Score) <= 1e-9, $"{name}: kit {bleu.Score:R}, NLTK {expected:R}");
    }

    [Fact]
    public void Fixture_CoversSmoothingZeroAndPerfectCases()
    {
        var scores = Fixture().GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("bleu").GetDouble());

        Assert.True(scores.Count >= 15);
        Assert.True(scores["no_4gram_match_method1"] > 0.01);
        Assert.True(scores["no_4gram_match_method0"] < 1e-70);
        Assert.Equal(0.0, scores["no_unigram_match"]);
    }

    [Fact]
    public void Corpus_BrevityPenalty_UsesClosestReferenceLength_TiesToShorter()
    {
        IReadOnlyList<IReadOnlyList<string>> refs = [["a", "b", "c"], ["a", "b", "c", "d", "e"]];

        Assert.Equal(3, Bleu.ClosestReferenceLength(refs, 4));
        Assert.Equal(5, Bleu.ClosestReferenceLength(refs, 5));
    }

    [Fact]
    public void Corpus_IdenticalSentences_ScoreOne()
    {
        string[] text = ["the cat sat on the mat", "a dog ran in the park today"];

        var bleu = Bleu.Corpus(text, text);

        Assert.Equal(1.0, bleu.Score, 12);
        Assert.Equal(1.0, bleu.BrevityPenalty);
        Assert.Equal([13L, 11, 9, 7], bleu.Totals);   // 6 + 7 words
    }

    [Fact]
    public void Corpus_CountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Bleu.Corpus(["a b"], ["a b", "c d"]));
    }
}
