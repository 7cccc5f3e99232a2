using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

/// <summary>The counter's passes split over workers: the tables must not depend on how many.</summary>
public class NGramCounterTests
{
    private static (DeepNlp.Text.Vocabulary V, List<int[]> Ids) Corpus()
    {
        // ~150,000 positions: above the size where each pass is split into chunks.
        var (_, sentences) = TinyCorpus.Synthetic(20_000, 3000, seed: 7);
        var vocabulary = NGramText.BuildVocabulary(sentences);
        return (vocabulary, NGramText.Encode(sentences, vocabulary));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Count_AnyNumberOfWorkers_GivesTheSameTablesAsOne(int workers)
    {
        var (v, ids) = Corpus();

        var one = NGramCounter.Count(ids, v, 5, workers: 1);
        var many = NGramCounter.Count(ids, v, 5, workers);

        for (int n = 1; n <= 5; n++)
        {
            var (a, b) = (one.Level(n), many.Level(n));
            Assert.Equal(a.Words, b.Words);
            Assert.Equal(a.Counts, b.Counts);
            Assert.Equal(a.Suffix, b.Suffix);
            Assert.Equal(a.StartsWithBos, b.StartsWithBos);
            Assert.Equal(a.Children, b.Children);
        }
    }

    [Fact]
    public void Count_SplitOverWorkers_AgreesWithANaiveDictionaryCount()
    {
        var (v, ids) = Corpus();
        var naive = new Dictionary<string, int>();
        foreach (var s in ids)
        {
            var p = new[] { v.BeginId }.Concat(s).Append(v.EndId).ToArray();
            for (int end = 1; end < p.Length; end++)
                for (int n = 1; n <= 4 && end - n + 1 >= 0; n++)
                {
                    var key = string.Join(',', p[(end - n + 1)..(end + 1)]);
                    naive[key] = naive.GetValueOrDefault(key) + 1;
                }
        }

        var counts = NGramCounter.Count(ids, v, 4, workers: 3);

        for (int n = 2; n <= 4; n++)
            Assert.Equal(naive.Count(kv => kv.Key.Count(c => c == ',') == n - 1), counts.DistinctCount(n));
        foreach (var (key, c) in naive.Where((_, i) => i % 7 == 0))
            Assert.Equal(c, counts.Count(key.Split(',').Select(int.Parse).ToArray()));
    }

    [Fact]
    public void FromTokenFile_GivesTheSameTablesAsReadTokenFileThenBuild()
    {
        var (text, _) = TinyCorpus.Synthetic(20_000, 3000, seed: 11);
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        try
        {
            var encoded = NGramText.ReadTokenFile(path);
            var viaSentences = NGramCounts.Build(encoded.Sentences, encoded.Vocabulary, 4);

            var direct = NGramCounts.FromTokenFile(path, 4);

            Assert.Equal(viaSentences.Vocabulary.Tokens, direct.Vocabulary.Tokens);
            Assert.Equal(viaSentences.TokenCount, direct.TokenCount);
            Assert.Equal(viaSentences.SentenceCount, direct.SentenceCount);
            for (int n = 1; n <= 4; n++)
            {
                Assert.Equal(viaSentences.Level(n).Words, direct.Level(n).Words);
                Assert.Equal(viaSentences.Level(n).Counts, direct.Level(n).Counts);
                Assert.Equal(viaSentences.Level(n).Suffix, direct.Level(n).Suffix);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FromTokenFile_WordThatIsASentenceBoundary_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "a b\nc </s> d\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => NGramCounts.FromTokenFile(path, 3));

            Assert.StartsWith($"{path}: the text holds the word <s> or </s>", error.Message);
        }
        finally { File.Delete(path); }
    }
}
