using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public sealed class VectorFormatsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wv-formats").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static WordEmbeddings Sample() =>
        new(["the", "king", "queen", "café"], [0.1f, -2.5e-7f, 3f, 1f / 3, float.Epsilon, -0f, 123456.79f, 0.7f, -1f, 2f, 1e-30f, 5.5f], 3);

    [Fact]
    public void Word2VecText_RoundTrip_IsExact()
    {
        var e = Sample();
        string path = Path.Combine(_dir, "v.txt");

        VectorFormats.WriteWord2VecText(e, path);
        var back = VectorFormats.ReadWord2VecText(path);

        Assert.Equal(e.Words, back.Words);
        Assert.Equal(e.Matrix.ToArray(), back.Matrix.ToArray());
        Assert.StartsWith("4 3\nthe ", File.ReadAllText(path));
    }

    [Fact]
    public void Word2VecBinary_RoundTrip_IsExact()
    {
        var e = Sample();
        string path = Path.Combine(_dir, "v.bin");

        VectorFormats.WriteWord2VecBinary(e, path);
        var back = VectorFormats.ReadWord2VecBinary(path);

        Assert.Equal(e.Words, back.Words);
        Assert.Equal(e.Matrix.ToArray(), back.Matrix.ToArray());
        Assert.Equal("4 3\n".Length + e.Words.Sum(w => System.Text.Encoding.UTF8.GetByteCount(w) + 2) + 12 * 4, new FileInfo(path).Length);
    }

    [Fact]
    public void GloVeText_RoundTrip_IsExactAndHasNoHeader()
    {
        var e = Sample();
        string path = Path.Combine(_dir, "glove.txt");

        VectorFormats.WriteGloVeText(e, path);
        var back = VectorFormats.ReadGloVeText(path);

        Assert.Equal(e.Words, back.Words);
        Assert.Equal(e.Matrix.ToArray(), back.Matrix.ToArray());
        Assert.StartsWith("the 0.1 ", File.ReadAllText(path));
    }

    [Fact]
    public void Write_LeavesNoTemporaryFiles()
    {
        VectorFormats.WriteWord2VecText(Sample(), Path.Combine(_dir, "a.txt"));
        VectorFormats.WriteWord2VecBinary(Sample(), Path.Combine(_dir, "a.bin"));

        Assert.Equal(["a.bin", "a.txt"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    [Fact]
    public void ReadGloVeText_RaggedLine_NamesFileAndLine()
    {
        string path = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(path, "a 1 2\nb 3\n");

        var ex = Assert.Throws<FormatException>(() => VectorFormats.ReadGloVeText(path));

        Assert.Contains($"{path}:2:", ex.Message);
    }

    [Fact]
    public void ReadWord2VecText_WrongWordCount_IsAnError()
    {
        string path = Path.Combine(_dir, "count.txt");
        File.WriteAllText(path, "3 2\na 1 2\nb 3 4\n");

        var ex = Assert.Throws<FormatException>(() => VectorFormats.ReadWord2VecText(path));

        Assert.Contains("header says 3 words, file holds 2", ex.Message);
    }

    [Fact]
    public void ReadGloVeText_ShippedSubset_Has10kWordsOf50Dimensions()
    {
        string path = TestData.Path("glove-6B-50d-10k", "glove.6B.50d.10k.txt.gz");

        var e = VectorFormats.ReadGloVeText(path);

        Assert.Equal(10_000, e.Count);
        Assert.Equal(50, e.Dimension);
        Assert.Equal("the", e.Words[0]);
    }
}
