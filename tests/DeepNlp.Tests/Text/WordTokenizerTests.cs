using DeepNlp.Text;

namespace DeepNlp.Tests.Text;

public class WordTokenizerTests
{
    private static readonly WordTokenizer Lower = new();

    [Fact]
    public void Tokenize_SplitsPunctuationIntoItsOwnTokens()
    {
        var tokens = Lower.Tokenize("Hello, world! (Really?)");

        Assert.Equal(["hello", ",", "world", "!", "(", "really", "?", ")"], tokens);
    }

    [Fact]
    public void Tokenize_KeepsContractionsHyphenationAndNumbersWhole()
    {
        var tokens = Lower.Tokenize("Don't stop: a well-known 3.14 U.S. rock'n'roll");

        Assert.Equal(["don't", "stop", ":", "a", "well-known", "3.14", "u.s", ".", "rock'n'roll"], tokens);
    }

    [Fact]
    public void Tokenize_CurlyApostropheInsideWord_BecomesStraight()
    {
        var tokens = Lower.Tokenize("It’s ‘quoted’");

        Assert.Equal(["it's", "‘", "quoted", "’"], tokens);
    }

    [Fact]
    public void Tokenize_ApostropheOrHyphenAtWordEdge_IsPunctuation()
    {
        var tokens = Lower.Tokenize("the dogs' bone -- 'tis");

        Assert.Equal(["the", "dogs", "'", "bone", "-", "-", "'", "tis"], tokens);
    }

    [Fact]
    public void Tokenize_LowerCaseFalse_KeepsCase()
    {
        var tokens = new WordTokenizer(lowerCase: false).Tokenize("The Cat SAT.");

        Assert.Equal(["The", "Cat", "SAT", "."], tokens);
    }

    [Fact]
    public void Tokenize_KeepPunctuationFalse_DropsPunctuation()
    {
        var tokens = new WordTokenizer(keepPunctuation: false).Tokenize("\"Yes,\" she said -- twice!");

        Assert.Equal(["yes", "she", "said", "twice"], tokens);
    }

    [Fact]
    public void Tokenize_KeepsSurrogatePairsAndCombiningMarksWhole()
    {
        var tokens = Lower.Tokenize("Cafe\u0301 \U0001F600 \U0001D400bc");

        Assert.Equal(["cafe\u0301", "\U0001F600", "\U0001D400bc"], tokens);
    }

    [Fact]
    public void Tokenize_WhitespaceOnlyOrEmpty_GivesNoTokens()
    {
        Assert.Empty(Lower.Tokenize(""));
        Assert.Empty(Lower.Tokenize(" \t\n "));
    }

    [Fact]
    public void Tokenize_SameInput_SameTokens()
    {
        const string text = "Mr. Darcy's 10,000 a-year — isn't it?";

        Assert.Equal(Lower.Tokenize(text), Lower.Tokenize(text));
        Assert.Equal(["mr", ".", "darcy's", "10", ",", "000", "a-year", "—", "isn't", "it", "?"], Lower.Tokenize(text));
    }

    [Fact]
    public void SplitSentences_EndsAtTerminatorsAndLineBreaks()
    {
        var sentences = Lower.SplitSentences("It rained. Did it stop? No!\nNew line without stop");

        Assert.Equal(4, sentences.Count);
        Assert.Equal(["it", "rained", "."], sentences[0]);
        Assert.Equal(["did", "it", "stop", "?"], sentences[1]);
        Assert.Equal(["no", "!"], sentences[2]);
        Assert.Equal(["new", "line", "without", "stop"], sentences[3]);
    }

    [Fact]
    public void SplitSentences_EllipsisAndClosingQuote_StayWithTheirSentence()
    {
        var sentences = Lower.SplitSentences("\"Wait...\" he said. Really?!");

        Assert.Equal(3, sentences.Count);
        Assert.Equal(["\"", "wait", ".", ".", ".", "\""], sentences[0]);
        Assert.Equal(["he", "said", "."], sentences[1]);
        Assert.Equal(["really", "?", "!"], sentences[2]);
    }

    [Fact]
    public void SplitSentences_WithoutPunctuation_StillSplitsAtTerminators()
    {
        var sentences = new WordTokenizer(keepPunctuation: false).SplitSentences("One two. Three, four!");

        Assert.Equal(2, sentences.Count);
        Assert.Equal(["one", "two"], sentences[0]);
        Assert.Equal(["three", "four"], sentences[1]);
    }
}
