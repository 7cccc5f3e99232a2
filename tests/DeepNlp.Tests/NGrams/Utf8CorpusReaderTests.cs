using System.Text;
using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public unsafe class Utf8CorpusReaderTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_AnyNumberOfParts_GivesTheSameVocabularyAndTokens(int workers)
    {
        // Over 3 MB: up to three parts of at least 1 MB each.
        var (text, _) = TinyCorpus.Synthetic(150_000, 20_000, seed: 9);
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(bytes.Length > 3 << 20);

        fixed (byte* p = bytes)
        {
            var (v1, one) = Utf8CorpusReader.Read(p, bytes.Length, 1, "text", workers: 1);
            var (vk, many) = Utf8CorpusReader.Read(p, bytes.Length, 1, "text", workers);
            using (one)
            using (many)
            {
                Assert.Equal(v1.Tokens, vk.Tokens);
                Assert.Equal(Enumerable.Range(0, v1.Count).Select(v1.Frequency), Enumerable.Range(0, vk.Count).Select(vk.Frequency));
                Assert.Equal(one.Length, many.Length);
                Assert.Equal(one.Sentences, many.Sentences);
                Assert.True(new ReadOnlySpan<int>(one.Tokens, one.Length).SequenceEqual(new ReadOnlySpan<int>(many.Tokens, many.Length)));
                Assert.True(new ReadOnlySpan<byte>(one.Depth, one.Length).SequenceEqual(new ReadOnlySpan<byte>(many.Depth, many.Length)));
            }
        }
    }

    [Fact]
    public void Read_InvalidUtf8InALaterPart_NamesTheLine()
    {
        var good = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a b c\n", 500_000)));   // 3 MB, 500,000 lines
        var bytes = good.Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        fixed (byte* p = bytes)
        {
            nint address = (nint)p;
            int length = bytes.Length;
            var error = Assert.Throws<FormatException>(() => Utf8CorpusReader.Read((byte*)address, length, 1, "big.txt", workers: 3));

            Assert.Equal("big.txt:500001: not valid UTF-8.", error.Message);
        }
    }
}
