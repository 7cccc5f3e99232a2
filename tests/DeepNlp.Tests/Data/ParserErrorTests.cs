using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class ParserErrorTests
{
    [Fact]
    public void Analogy_LineWithThreeWords_NamesFileAndLine()
    {
        string[] lines = [": family", "boy girl brother sister", "king queen man"];

        var e = Assert.Throws<FormatException>(() => GoogleAnalogyDataset.Parse(lines, "q.txt"));

        Assert.StartsWith("q.txt:3:", e.Message);
    }

    [Fact]
    public void Analogy_QuestionBeforeCategory_NamesFileAndLine()
    {
        var e = Assert.Throws<FormatException>(() => GoogleAnalogyDataset.Parse(["a b c d"], "q.txt"));

        Assert.Equal("q.txt:1: question before any ': category' line.", e.Message);
    }

    [Fact]
    public void Similarity_ScoreNotANumber_NamesFileAndLine()
    {
        string[] lines = ["# header", "tiger\tcat\t7.35", "old\tnew\tabc"];

        var e = Assert.Throws<FormatException>(() => SimilarityDataset.Parse(lines, "ws.tsv"));

        Assert.StartsWith("ws.tsv:3:", e.Message);
    }

    [Fact]
    public void GloVeText_RaggedRow_NamesFileAndLine()
    {
        string[] lines = ["the 0.1 0.2 0.3", "of 0.4 0.5"];

        var e = Assert.Throws<FormatException>(() => PretrainedVectors.ReadText(lines, "g.txt"));

        Assert.StartsWith("g.txt:2: expected a word and 3 values", e.Message);
    }

    [Fact]
    public void GloVeText_Word2VecHeader_IsSkipped()
    {
        string[] lines = ["2 3", "the 0.1 0.2 0.3", "of 0.4 0.5 -1e-2"];

        var v = PretrainedVectors.ReadText(lines, "g.txt");

        Assert.Equal(["the", "of"], v.Words);
        Assert.Equal([0.4f, 0.5f, -0.01f], v.Vector("of").ToArray());
    }

    [Fact]
    public void GloVeText_DuplicateWord_IsAFormatError()
    {
        string[] lines = ["the 0.1", "the 0.2"];

        var e = Assert.Throws<FormatException>(() => PretrainedVectors.ReadText(lines, "g.txt"));

        Assert.Contains("'the' appears twice (rows 0 and 1)", e.Message);
    }
}
