using System.Text;
using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class EvaluateTextTests
{
    private static (ModifiedKneserNeyModel Model, List<int[]> Test) Model()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        return (ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 4), [0.5, 1, 1.5]), test);
    }

    [Fact]
    public void EvaluateText_GivesTheSameFiguresAsEvaluateOnTheSameWords()
    {
        var (m, test) = Model();
        var v = m.Vocabulary;
        // Blank lines, tabs, CRLF and a word outside the vocabulary: all read as the id path reads them.
        var text = new StringBuilder("\n");
        var expected = new List<int[]>();
        foreach (var s in test)
        {
            text.Append(string.Join(' ', v.Decode(s))).Append(" \t zzzunseen\r\n\n");
            expected.Add([.. s, v.UnknownId]);
        }

        var viaText = Perplexity.EvaluateText(m, Encoding.UTF8.GetBytes(text.ToString()));
        var viaIds = Perplexity.Evaluate(m, expected);

        Assert.Equal(viaIds.Sentences, viaText.Sentences);
        Assert.Equal(viaIds.Tokens, viaText.Tokens);
        Assert.Equal(viaIds.Oovs, viaText.Oovs);
        Assert.Equal(viaIds.Log10Probability, viaText.Log10Probability);
        Assert.Equal(viaIds.OovLog10Probability, viaText.OovLog10Probability);
    }

    [Fact]
    public void EvaluateText_WordOutsideAVocabularyWithoutUnk_NamesTheLine()
    {
        var model = ArpaFile.Read(new StringReader("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-0.5\t</s>\n\n\\end\\\n"), "memory",
            DeepNlp.Text.Vocabulary.FromTokens(["<s>", "</s>"]));

        var e = Assert.Throws<ArgumentException>(() => Perplexity.EvaluateText(model, "\n</s>\nnope\n"u8, "test.txt"));

        Assert.StartsWith("test.txt:3: word 'nope'", e.Message);
    }
}
