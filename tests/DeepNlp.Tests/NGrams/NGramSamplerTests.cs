using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class NGramSamplerTests
{
    private static (ModifiedKneserNeyModel M, DeepNlp.Text.Vocabulary V) Model()
    {
        var (v, train, _) = TinyCorpus.Gutenberg200();
        return (ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3)), v);
    }

    [Fact]
    public void Generate_SameSeed_SameText_OtherSeed_OtherText()
    {
        var (m, _) = Model();

        var a = NGramSampler.Generate(m, seed: 7, maxWords: 25);
        var b = NGramSampler.Generate(m, seed: 7, maxWords: 25);
        var c = NGramSampler.Generate(m, seed: 8, maxWords: 25);

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        Assert.DoesNotContain("<unk>", a.Tokens);
    }

    [Fact]
    public void Generate_TopKOfOne_IsGreedy()
    {
        var (m, v) = Model();

        var greedy = NGramSampler.Generate(m, seed: 1, maxWords: 12, temperature: 0);
        var top1 = NGramSampler.Generate(m, seed: 99, maxWords: 12, topK: 1);

        Assert.Equal(greedy.Text, top1.Text);
        var first = NGramSampler.MostLikelyNext(m, [], count: 1).Words[0].Word;
        Assert.Equal(first, greedy.Tokens[0]);
    }

    [Fact]
    public void MostLikelyNext_IsSortedAndMatchesTheDistribution()
    {
        var (m, v) = Model();

        var table = NGramSampler.MostLikelyNext(m, ["it", "was"], count: 5);

        Assert.Equal(5, table.Words.Count);
        for (int i = 1; i < 5; i++) Assert.True(table.Words[i - 1].Probability >= table.Words[i].Probability);
        var top = table.Words[0];
        Assert.Equal(m.Probability(TinyCorpus.Ids(v, "<s>", "it", "was"), v[top.Word]), top.Probability, 1e-12);
        Assert.Contains("<table>", table.ToHtml());
    }
}
