using System.Text;
using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class NGramTextUtf8Tests
{
    private static string[] SplitOnWhitespace(string line) => line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static void AssertSameAsStringPath(string text, int minCount)
    {
        var sentences = NGramText.Sentences(text.Split('\n'), SplitOnWhitespace);
        var vocabulary = NGramText.BuildVocabulary(sentences, minCount);
        var ids = NGramText.Encode(sentences, vocabulary);

        var encoded = NGramText.EncodeUtf8(Encoding.UTF8.GetBytes(text), minCount);

        Assert.Equal(vocabulary.Tokens, encoded.Vocabulary.Tokens);
        Assert.Equal(Enumerable.Range(0, vocabulary.Count).Select(vocabulary.Frequency), Enumerable.Range(0, vocabulary.Count).Select(encoded.Vocabulary.Frequency));
        Assert.Equal(ids, encoded.Sentences);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EncodeUtf8_EqualsTheStringPath_OnMessyText(int minCount)
    {
        const string text = "the cat  sat\r\n\n   \nthe\tdog sat on the mat\nnaïve café über naïve\r\nthe end";

        AssertSameAsStringPath(text, minCount);
    }

    [Fact]
    public void EncodeUtf8_EqualsTheStringPath_OnTheReferenceParagraphs()
    {
        // Thousands of distinct words: the counter's table grows several times.
        var text = string.Join('\n', MknReference.Load().Train);

        AssertSameAsStringPath(text, 1);
        AssertSameAsStringPath(text, 3);
    }

    [Fact]
    public void EncodeUtf8_InvalidUtf8_NamesTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("good line\nsecond line\nbad ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var error = Assert.Throws<FormatException>(() => NGramText.EncodeUtf8(bytes, 1, "corpus.txt"));

        Assert.Equal("corpus.txt:3: not valid UTF-8.", error.Message);
    }
}
