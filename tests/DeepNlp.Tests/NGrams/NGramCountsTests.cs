using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class NGramCountsTests
{
    [Fact]
    public void Build_TinyCorpus_GivesHandCountedUnigramsAndBigrams()
    {
        var (v, sentences) = TinyCorpus.Abab();

        var counts = NGramCounts.Build(sentences, v, 2);

        Assert.Equal(11, counts.TokenCount);   // 6 words + 4 </s>
        Assert.Equal(4, counts.Count("a"));
        Assert.Equal(3, counts.Count("b"));
        Assert.Equal(4, counts.Count("</s>"));
        Assert.Equal(0, counts.Count("<s>"));   // context only
        Assert.Equal(3, counts.Count("<s>", "a"));
        Assert.Equal(1, counts.Count("<s>", "b"));
        Assert.Equal(2, counts.Count("a", "b"));
        Assert.Equal(2, counts.Count("a", "</s>"));
        Assert.Equal(2, counts.Count("b", "</s>"));
        Assert.Equal(1, counts.Count("b", "a"));
        Assert.Equal(0, counts.Count("a", "a"));
        Assert.Equal(6, counts.DistinctCount(2));
    }

    [Fact]
    public void Build_NGramsNeverCrossTheSentenceStart()
    {
        var (v, sentences) = TinyCorpus.Abab();

        var counts = NGramCounts.Build(sentences, v, 3);

        // "b </s> <s>" or "</s> <s> a" would cross a boundary; trigrams are only inside sentences.
        Assert.Equal(2, counts.Count("<s>", "a", "b"));
        Assert.Equal(1, counts.Count("<s>", "a", "</s>"));
        Assert.Equal(2, counts.Count("a", "b", "</s>"));
        Assert.Equal(5, counts.DistinctCount(3));   // <s> a b, a b </s>, <s> b a, b a </s>, <s> a </s>
        Assert.Equal(0, counts.Count("</s>", "<s>"));
    }

    [Fact]
    public void CountsOfCounts_TinyCorpus_MatchHandCount()
    {
        var (v, sentences) = TinyCorpus.Abab();

        var cc = NGramCounts.Build(sentences, v, 2).CountsOfCounts(2, 4);

        Assert.Equal(new long[] { 0, 2, 3, 1, 0 }, cc);   // counts 3,1,2,2,2,1
    }

    [Fact]
    public void Build_SameCorpusTwice_GivesIdenticalTables()
    {
        var (v, sentences, _) = TinyCorpus.Gutenberg200();

        var first = NGramCounts.Build(sentences, v, 4);
        var second = NGramCounts.Build(sentences, v, 4);

        for (int n = 1; n <= 4; n++)
        {
            Assert.Equal(first.Tables[n - 1].Words, second.Tables[n - 1].Words);
            Assert.Equal(first.Tables[n - 1].Counts, second.Tables[n - 1].Counts);
        }
    }

    [Fact]
    public void Build_CountsAgreeWithANaiveDictionaryCount()
    {
        var (v, sentences, _) = TinyCorpus.Gutenberg200();
        var naive = new Dictionary<string, int>();
        foreach (var s in sentences)
        {
            var p = new[] { v.BeginId }.Concat(s).Append(v.EndId).ToArray();
            for (int end = 1; end < p.Length; end++)
                for (int n = 1; n <= 4 && end - n + 1 >= 0; n++)
                {
                    var key = string.Join(',', p[(end - n + 1)..(end + 1)]);
                    naive[key] = naive.GetValueOrDefault(key) + 1;
                }
        }

        var counts = NGramCounts.Build(sentences, v, 4);

        Assert.Equal(naive.Count(kv => kv.Key.Count(c => c == ',') == 3), counts.DistinctCount(4));
        foreach (var (key, c) in naive.Where((_, i) => i % 13 == 0))
            Assert.Equal(c, counts.Count(key.Split(',').Select(int.Parse).ToArray()));
    }

    [Fact]
    public void WithOrder_GivesTheSameModelAsCountingThatOrder()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var five = NGramCounts.Build(train, v, 5);

        var viaView = ModifiedKneserNeyModel.Estimate(five.WithOrder(3));
        var direct = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3));

        Assert.Equal(Perplexity.Evaluate(direct, test).Log10Probability, Perplexity.Evaluate(viaView, test).Log10Probability);
    }

    [Fact]
    public void Build_BoundaryIdInsideASentence_ThrowsNamingTheSentence()
    {
        var (v, _) = TinyCorpus.Abab();

        var e = Assert.Throws<ArgumentException>(() => NGramCounts.Build(new List<int[]> { new[] { 4 }, new[] { 4, v.EndId } }, v, 2));

        Assert.Contains("Sentence 1, token 1", e.Message);
    }
}
