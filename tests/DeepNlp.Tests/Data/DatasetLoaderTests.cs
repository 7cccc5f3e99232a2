using DeepNlp.Data;
using DeepNlp.Text;

namespace DeepNlp.Tests.Data;

public class DatasetLoaderTests
{
    [Fact]
    public void TinyShakespeare_Has1115394Characters_And65Symbols()
    {
        var text = Datasets.TinyShakespeare.Load();

        var vocab = Vocabulary.FromCharacters(text);

        Assert.Equal(1_115_394, text.Length);
        Assert.Equal(65, vocab.Count);
        Assert.StartsWith("First Citizen:", text);
    }

    [Fact]
    public void TinyShakespeare_LoadSplit_CutsNinetyTen()
    {
        var split = Datasets.TinyShakespeare.LoadSplit();

        Assert.Equal(1_003_854, split.Train.Length);
        Assert.Equal(111_540, split.Valid.Length);
    }

    [Fact]
    public void Gutenberg_SplitsHaveDocumentedLineAndWhitespaceTokenCounts()
    {
        var corpus = Datasets.Gutenberg.Load();

        Assert.Equal(43_157, corpus.Train.Count);
        Assert.Equal(2_311, corpus.Valid.Count);
        Assert.Equal(2_104, corpus.Test.Count);
        Assert.Equal(2_253_874, corpus.Tokens(Split.Train, WhitespaceTokenizer.Instance).LongCount());
        Assert.Equal(123_788, corpus.Tokens(Split.Valid, WhitespaceTokenizer.Instance).LongCount());
        Assert.Equal(122_930, corpus.Tokens(Split.Test, WhitespaceTokenizer.Instance).LongCount());
        Assert.Equal(23, corpus.Valid.Count(l => l.Length == 0));
        Assert.Equal(20_760, corpus.Tokens(Split.Valid, WhitespaceTokenizer.Instance).Distinct().Count());
    }

    [Fact]
    public void Gutenberg_Encode_AppendsEndOfParagraphPerNonEmptyLine()
    {
        var corpus = new WordCorpus(["The cat sat.", "", "A dog!"], ["The end."], []);
        var vocab = corpus.BuildVocabulary();

        var ids = corpus.Encode(Split.Train, vocab);

        Assert.Equal(["the", "cat", "sat", ".", "</s>", "a", "dog", "!", "</s>"], vocab.Decode(ids));
        Assert.Equal(["the", "<unk>", ".", "</s>"], vocab.Decode(corpus.Encode(Split.Valid, vocab)));
    }

    [Fact]
    public void GoogleAnalogy_Has19544QuestionsIn14Categories()
    {
        var questions = Datasets.GoogleAnalogy.Load();

        var byCategory = questions.GroupBy(q => q.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(19_544, questions.Count);
        Assert.Equal(14, byCategory.Count);
        Assert.Equal(4_524, byCategory["capital-world"]);
        Assert.Equal(870, byCategory["gram9-plural-verbs"]);
        Assert.Equal(8_869, questions.Count(q => !q.IsSyntactic));
        Assert.Equal(10_675, questions.Count(q => q.IsSyntactic));
        Assert.Equal(new AnalogyQuestion("capital-common-countries", "Athens", "Greece", "Baghdad", "Iraq"), questions[0]);
    }

    [Fact]
    public void WordSimilarity_Has353And999Pairs()
    {
        var ws = Datasets.WordSim353.Load();
        var sl = Datasets.SimLex999.Load();

        Assert.Equal(353, ws.Count);
        Assert.Equal(999, sl.Count);
        Assert.Equal(new SimilarityPair("tiger", "cat", 7.35), ws[1]);
        Assert.Equal(new SimilarityPair("old", "new", 1.58), sl[0]);
    }

    [Theory]
    [InlineData(Split.Train, 12_544, 204_577)]
    [InlineData(Split.Valid, 2_001, 25_147)]
    [InlineData(Split.Test, 2_077, 25_094)]
    public void UdEnglishEwt_HasDocumentedSentenceAndWordCounts(Split split, int sentences, int words)
    {
        var data = Datasets.UdEnglishEwt.Load(split);

        Assert.Equal(sentences, data.Count);
        Assert.Equal(words, data.Sum(s => s.Length));
        Assert.All(data, s => Assert.Equal(s.Tokens.Count, s.Xpos.Count));
    }

    [Fact]
    public void UdEnglishEwt_Train_UsesThe17UposTagsWithDocumentedFrequencies()
    {
        var data = Datasets.UdEnglishEwt.Load(Split.Train);

        var freq = data.SelectMany(s => s.Upos).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(UdEnglishEwtDataset.UposTags.Order(), freq.Keys.Order());
        Assert.Equal(34_751, freq["NOUN"]);
        Assert.Equal(400, freq["X"]);
    }

    [Theory]
    [InlineData(Split.Train, 8_530)]
    [InlineData(Split.Valid, 1_066)]
    [InlineData(Split.Test, 1_066)]
    public void SentencePolarity_SplitsHaveDocumentedSizes_AndBalancedLabels(Split split, int count)
    {
        var data = Datasets.SentencePolarity.Load(split);

        Assert.Equal(count, data.Count);
        Assert.Equal(count / 2, data.Count(e => e.IsPositive));
        Assert.All(data, e => Assert.Equal(split, e.Split));
        Assert.Equal(1, data[0].Label);
        Assert.Equal(0, data[1].Label);
    }

    [Fact]
    public void UsNames_Has32033NamesAnd29494Distinct()
    {
        var names = Datasets.UsNames.Load();

        Assert.Equal(32_033, names.Count);
        Assert.Equal(29_494, names.Distinct().Count());
        Assert.Equal("emma", names[0]);
        Assert.Equal("zzyzx", names[^1]);
    }

    [Fact]
    public void KantrowitzNames_Has5001FemaleAnd2943Male_With365OnBoth()
    {
        var names = Datasets.KantrowitzNames.Load();

        var female = names.Where(n => n.Gender == Gender.Female).Select(n => n.Name).ToHashSet();
        var male = names.Where(n => n.Gender == Gender.Male).Select(n => n.Name).ToHashSet();
        Assert.Equal(7_944, names.Count);
        Assert.Equal(5_001, names.Count(n => n.Gender == Gender.Female));
        Assert.Equal(2_943, names.Count(n => n.Gender == Gender.Male));
        Assert.Equal(365, female.Intersect(male).Count());
        Assert.DoesNotContain(names, n => n.Name != n.Name.Trim());
    }

    [Fact]
    public void GloVe50d_Has10000WordsOf50Dimensions_InFrequencyOrder()
    {
        var glove = Datasets.GloVe50d.Load();

        Assert.Equal(10_000, glove.Count);
        Assert.Equal(50, glove.Dimension);
        Assert.Equal(["the", ",", ".", "of", "to"], glove.Words.Take(5));
        Assert.Equal([0.418f, 0.24968f, -0.41242f, 0.1217f, 0.34527f], glove.Vector("the")[..5].ToArray());
        Assert.Equal(glove.Vectors.AsSpan(50 * glove.IndexOf("of"), 50).ToArray(), glove.Vector("of").ToArray());
    }

    [Fact]
    public void GloVe50d_MaxWords_KeepsTheMostFrequent()
    {
        var glove = Datasets.GloVe50d.Load(maxWords: 100);

        Assert.Equal(100, glove.Count);
        Assert.Equal(5_000, glove.Vectors.Length);
    }
}
