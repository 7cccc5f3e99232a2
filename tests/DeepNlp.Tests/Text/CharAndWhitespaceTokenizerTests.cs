using DeepNlp.Text;

namespace DeepNlp.Tests.Text;

public class CharAndWhitespaceTokenizerTests
{
    [Fact]
    public void CharTokenizer_EveryCharacterIsAToken_NewlinesIncluded()
    {
        var tokens = CharTokenizer.Instance.Tokenize("Hi!\nA b");

        Assert.Equal(["H", "i", "!", "\n", "A", " ", "b"], tokens);
    }

    [Fact]
    public void CharTokenizer_KeepsSurrogatePairsAndCombiningSequencesWhole()
    {
        var tokens = CharTokenizer.Instance.Tokenize("e\u0301\U0001F600x");

        Assert.Equal(["e\u0301", "\U0001F600", "x"], tokens);
    }

    [Fact]
    public void CharTokenizer_Ascii_RoundTripsByConcatenation()
    {
        const string text = "First Citizen:\nBefore we proceed any further, hear me speak.\n";

        var tokens = CharTokenizer.Instance.Tokenize(text);

        Assert.Equal(text.Length, tokens.Length);
        Assert.Equal(text, string.Concat(tokens));
    }

    [Fact]
    public void WhitespaceTokenizer_SplitsOnAnyWhitespaceRun_WithoutEmptyTokens()
    {
        var tokens = WhitespaceTokenizer.Instance.Tokenize("  the rock 's \t destined\n\nto be , ");

        Assert.Equal(["the", "rock", "'s", "destined", "to", "be", ","], tokens);
    }

    [Fact]
    public void WhitespaceTokenizer_Empty_GivesNoTokens()
    {
        Assert.Empty(WhitespaceTokenizer.Instance.Tokenize(""));
    }
}
