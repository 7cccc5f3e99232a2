using System.Buffers.Binary;
using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class BackoffModelFileTests
{
    private static (ModifiedKneserNeyModel Model, List<int[]> Test) Model(int order = 4)
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        return (ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, order), [0.5, 1, 1.5]), test);
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.bin");

    private static byte[] ValidFile()
    {
        var (m, _) = Model(3);
        var path = TempPath();
        try
        {
            BackoffModelFile.Write(m, path);
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    private static FormatException ReadBytes(byte[] bytes, out string path)
    {
        path = TempPath();
        File.WriteAllBytes(path, bytes);
        try
        {
            var p = path;
            return Assert.Throws<FormatException>(() => BackoffModelFile.Read(p));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ArpaToModelToBinaryToModel_GivesBitIdenticalProbabilitiesAndPerplexity()
    {
        var (m, test) = Model();
        var arpa = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.arpa");
        var bin = TempPath();
        try
        {
            ArpaFile.Write(m, arpa);
            var fromArpa = ArpaFile.Read(arpa, m.Vocabulary);
            BackoffModelFile.Write(fromArpa, bin);
            var back = BackoffModelFile.Read(bin);

            Assert.Equal(fromArpa.Order, back.Order);
            Assert.Equal(fromArpa.Name, back.Name);
            Assert.Equal(fromArpa.Vocabulary.Tokens, back.Vocabulary.Tokens);
            Assert.Equal(fromArpa.Vocabulary.Frequencies, back.Vocabulary.Frequencies);
            for (int k = 0; k < m.Order; k++)
            {
                Assert.Equal(fromArpa.Words[k], back.Words[k]);
                // Bit patterns, not float equality: -0 and NaN payloads would slip through ==.
                Assert.Equal(fromArpa.Log10Probs[k].Select(BitConverter.SingleToInt32Bits), back.Log10Probs[k].Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(fromArpa.Log10Backoffs[k]?.Select(BitConverter.SingleToInt32Bits), back.Log10Backoffs[k]?.Select(BitConverter.SingleToInt32Bits));
                Assert.Equal(fromArpa.Children[k], back.Children[k]);
                // And against the estimated model the ARPA came from: ARPA floats round-trip exactly.
                Assert.Equal(m.Log10Probs[k].Select(BitConverter.SingleToInt32Bits), back.Log10Probs[k].Select(BitConverter.SingleToInt32Bits));
            }
            Assert.True(back.NGramCount(m.Order) > 1000);
            Assert.Equal(Perplexity.Evaluate(m, test).Log10Probability, Perplexity.Evaluate(back, test).Log10Probability);
            Assert.Equal(Perplexity.Evaluate(m, test).Perplexity, Perplexity.Evaluate(back, test).Perplexity);
        }
        finally
        {
            File.Delete(arpa);
            File.Delete(bin);
        }
    }

    [Fact]
    public void Write_ReplacesTheFileAtomically_LeavingNoTemporaryFile()
    {
        var (m, _) = Model(2);
        var dir = Directory.CreateTempSubdirectory("ngram-bin").FullName;
        var path = Path.Combine(dir, "lm.bin");
        File.WriteAllText(path, "old");

        BackoffModelFile.Write(m, path);

        Assert.Equal(BackoffModelFile.Magic.ToArray(), File.ReadAllBytes(path)[..8]);
        Assert.Equal(["lm.bin"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Read_TruncatedFile_SaysTruncatedAndNamesTheFile()
    {
        var bytes = ValidFile();

        var e = ReadBytes(bytes[..(bytes.Length - 100)], out var path);

        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Read_FileCutInsideTheHeader_SaysTruncated()
    {
        var e = ReadBytes(ValidFile()[..12], out var path);

        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Read_FlippedByteInTheProbabilities_SaysCorrupt()
    {
        var bytes = ValidFile();
        bytes[bytes.Length * 3 / 4] ^= 0x10;

        var e = ReadBytes(bytes, out var path);

        Assert.StartsWith(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Read_OtherVersion_NamesBothVersions()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 7);

        var e = ReadBytes(bytes, out var path);

        Assert.StartsWith(path, e.Message);
        Assert.Contains("version 7", e.Message);
        Assert.Contains($"version {BackoffModelFile.Version}", e.Message);
    }

    [Fact]
    public void Read_ArpaText_SaysItIsNotABinaryModel()
    {
        var e = ReadBytes("\n\\data\\\nngram 1=2\n"u8.ToArray(), out var path);

        Assert.StartsWith(path, e.Message);
        Assert.Contains("not a DeepNlp n-gram binary model", e.Message);
    }

    [Fact]
    public void Read_StructurallyBrokenTrieWithAValidChecksum_IsRejected()
    {
        // A hand-edited file whose checksum was recomputed: the trie checks still keep lookups in bounds.
        var (m, _) = Model(2);
        var words = m.Words.Select(w => (int[])w.Clone()).ToArray();
        words[1][0] = m.Vocabulary.Count + 5;
        var model = new BackoffModelData(m.Vocabulary, words, m.Children, m.Log10Probs, m.Log10Backoffs, "edited");
        var path = TempPath();
        try
        {
            BackoffModelFile.Write(model, path);
            var e = Assert.Throws<FormatException>(() => BackoffModelFile.Read(path));
            Assert.StartsWith(path, e.Message);
            Assert.Contains("outside the vocabulary", e.Message);
        }
        finally { File.Delete(path); }
    }
}
