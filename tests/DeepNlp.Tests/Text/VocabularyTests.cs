using DeepNlp.Text;

namespace DeepNlp.Tests.Text;

public sealed class VocabularyTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("deepnlp-vocab-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static readonly string[] Stream = "the cat sat on the mat the end cat".Split(' ');

    [Fact]
    public void Build_SpecialsFirst_ThenByFrequency_TiesByOrdinalOrder()
    {
        var vocab = Vocabulary.Build(Stream);

        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>", "the", "cat", "end", "mat", "on", "sat"], vocab.Tokens);
        Assert.Equal(0, vocab.PaddingId);
        Assert.Equal(1, vocab.UnknownId);
        Assert.Equal(2, vocab.BeginId);
        Assert.Equal(3, vocab.EndId);
        Assert.Equal(3, vocab.Frequency(vocab["the"]));
    }

    [Fact]
    public void Build_SameCountsInAnyOrder_GiveSameIds()
    {
        var a = Vocabulary.Build(Stream);
        var b = Vocabulary.Build(Stream.Reverse());

        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(a.Frequencies, b.Frequencies);
    }

    [Fact]
    public void Build_MinCount_PrunesRareTokensIntoUnknownMass()
    {
        var vocab = Vocabulary.Build(Stream, minCount: 2);

        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>", "the", "cat"], vocab.Tokens);
        Assert.Equal(4, vocab.Frequency(vocab.UnknownId));
        Assert.Equal(Stream.Length, vocab.Frequencies.Sum());
    }

    [Fact]
    public void Build_MaxSize_KeepsTheMostFrequentOrdinaryTokens()
    {
        var vocab = Vocabulary.Build(Stream, maxSize: 3);

        Assert.Equal(["the", "cat", "end"], vocab.Tokens.Skip(4));
        Assert.Equal(3, vocab.Frequency(vocab.UnknownId));
    }

    [Fact]
    public void Build_SpecialTokenInStream_CountsAsTheSpecial()
    {
        var vocab = Vocabulary.Build(["a", "</s>", "b", "</s>"]);

        Assert.Equal(2, vocab.Frequency(vocab.EndId));
        Assert.Equal(6, vocab.Count);
    }

    [Fact]
    public void Encode_UnknownToken_MapsToUnk_AndDecodeRoundTripsKnownTokens()
    {
        var vocab = Vocabulary.Build(Stream);

        var ids = vocab.Encode(["the", "dog", "sat"]);

        Assert.Equal([vocab["the"], vocab.UnknownId, vocab["sat"]], ids);
        Assert.Equal(["the", "<unk>", "sat"], vocab.Decode(ids));
    }

    [Fact]
    public void Indexer_UnknownTokenWithoutUnk_ThrowsNamingTheToken()
    {
        var chars = Vocabulary.FromCharacters("abca");

        var e = Assert.Throws<KeyNotFoundException>(() => chars["z"]);

        Assert.Contains("'z'", e.Message);
        Assert.Equal(-1, chars.UnknownId);
        Assert.Equal(["a", "b", "c"], chars.Tokens);
        Assert.Equal([2L, 1L, 1L], chars.Frequencies);
    }

    [Fact]
    public void SaveLoad_RoundTripsTokensAndFrequencies()
    {
        var vocab = Vocabulary.Build(Stream.Append("naïve").Append("x y"), minCount: 1);
        var path = Path.Combine(_temp, "vocab.tsv");

        vocab.Save(path);
        var loaded = Vocabulary.Load(path);

        Assert.Equal(vocab.Tokens, loaded.Tokens);
        Assert.Equal(vocab.Frequencies, loaded.Frequencies);
        Assert.Equal(vocab.UnknownId, loaded.UnknownId);
        Assert.Equal(vocab["x y"], loaded["x y"]);
    }

    [Fact]
    public void Save_TokenWithTab_ThrowsAndLeavesNoFile()
    {
        var vocab = Vocabulary.FromTokens(["a", "b\tc"]);
        var path = Path.Combine(_temp, "bad.tsv");

        var e = Assert.Throws<ArgumentException>(() => vocab.Save(path));

        Assert.Contains("Token 1", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Load_MalformedLine_NamesFileAndLine()
    {
        var path = Path.Combine(_temp, "malformed.tsv");
        File.WriteAllText(path, "<pad>\t0\n<unk>\t3\nthe three\n");

        var e = Assert.Throws<FormatException>(() => Vocabulary.Load(path));

        Assert.StartsWith($"{path}:3:", e.Message);
    }

    [Fact]
    public void Load_NegativeFrequency_NamesFileAndLine()
    {
        var path = Path.Combine(_temp, "negative.tsv");
        File.WriteAllText(path, "a\t1\nb\t-2\n");

        var e = Assert.Throws<FormatException>(() => Vocabulary.Load(path));

        Assert.StartsWith($"{path}:2:", e.Message);
    }

    [Fact]
    public void Load_DuplicateToken_NamesBothLines()
    {
        var path = Path.Combine(_temp, "dup.tsv");
        File.WriteAllText(path, "a\t1\nb\t2\na\t3\n");

        var e = Assert.Throws<FormatException>(() => Vocabulary.Load(path));

        Assert.Equal($"{path}:3: token 'a' already appeared on line 1.", e.Message);
    }

    [Fact]
    public void FromCounts_InvalidMinCount_Throws()
    {
        var counts = new Dictionary<string, long> { ["a"] = 1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.FromCounts(counts, minCount: 0));
    }
}
