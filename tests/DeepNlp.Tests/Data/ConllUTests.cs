using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public class ConllUTests
{
    [Fact]
    public void Read_SkipsCommentsMultiwordRangesAndEmptyNodes()
    {
        string[] lines =
        [
            "# sent_id = 1",
            "1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_",
            "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
            "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
            "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
            "3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t_\t_",
            "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_",
            "",
            "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_",
        ];

        var sentences = ConllU.Read(lines, "x.conllu").ToList();

        Assert.Equal(2, sentences.Count);
        Assert.Equal(["I", "do", "n't", "know"], sentences[0].Tokens);
        Assert.Equal(["PRON", "AUX", "PART", "VERB"], sentences[0].Upos);
        Assert.Equal(["PRP", "VBP", "RB", "VB"], sentences[0].Xpos);
        Assert.Equal(["Hi"], sentences[1].Tokens);
    }

    [Fact]
    public void Read_RowWithTooFewFields_NamesFileAndLine()
    {
        string[] lines = ["# c", "1\tI\tI\tPRON"];

        var e = Assert.Throws<FormatException>(() => ConllU.Read(lines, "bad.conllu").ToList());

        Assert.Equal("bad.conllu:2: expected 10 TAB-separated CoNLL-U fields, got 4.", e.Message);
    }
}
