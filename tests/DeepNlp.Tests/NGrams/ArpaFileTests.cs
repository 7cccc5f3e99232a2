using DeepNlp.NGrams;

namespace DeepNlp.Tests.NGrams;

public class ArpaFileTests
{
    private static (ModifiedKneserNeyModel Model, DeepNlp.Text.Vocabulary V, List<int[]> Test) Model()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        return (ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3)), v, test);
    }

    [Fact]
    public void WriteThenRead_GivesIdenticalProbabilities()
    {
        var (m, v, test) = Model();
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.arpa");
        try
        {
            ArpaFile.Write(m, path);
            var back = ArpaFile.Read(path, v);

            for (int n = 1; n <= 3; n++) Assert.Equal(m.NGramCount(n), back.NGramCount(n));
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(m.Log10Probs[k], back.Log10Probs[k]);
                Assert.Equal(m.Words[k], back.Words[k]);
            }
            foreach (var s in test)
            {
                var a = new double[s.Length + 1];
                var b = new double[s.Length + 1];
                m.ScoreSentence(s, a);
                back.ScoreSentence(s, b);
                Assert.Equal(a, b);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FileWrite_IsByteForByteTheTextWritersUtf8()
    {
        var (m, _, _) = Model();
        var text = new StringWriter { NewLine = "\n" };
        ArpaFile.Write(m, text);
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.arpa");
        try
        {
            ArpaFile.Write(m, path);
            Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(text.ToString()), File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FileWrite_ManyChunksInFlight_IsByteForByteTheTextWritersUtf8()
    {
        // Hundreds of thousands of lines: many rounds of parallel chunks, written while the next round is formatted.
        var (_, sentences) = TinyCorpus.Synthetic(20_000, 30_000, seed: 13);
        var v = NGramText.BuildVocabulary(sentences);
        var m = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(NGramText.Encode(sentences, v), v, 4), [0.5, 1, 1.5]);
        var text = new StringWriter { NewLine = "\n" };
        ArpaFile.Write(m, text);
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.arpa");
        try
        {
            ArpaFile.Write(m, path);

            Assert.True(Enumerable.Range(1, 4).Sum(n => m.NGramCount(n)) > 6L << 15);   // more chunks of 32K lines than two rounds hold
            Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(text.ToString()), File.ReadAllBytes(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_WithoutVocabulary_BuildsOneFromTheUnigrams()
    {
        var (m, v, test) = Model();
        var writer = new StringWriter();
        ArpaFile.Write(m, writer);

        var back = ArpaFile.Read(new StringReader(writer.ToString()), "memory");

        Assert.Equal(v.Count - 1, back.Vocabulary.Count);   // no <pad>
        var tokens = v.Decode(test[0]);
        var ids = back.Vocabulary.Encode(tokens);
        Assert.Equal(Perplexity.ScoreTokens(m, test[0]).Select(t => t.Log10Probability), Perplexity.ScoreTokens(back, ids).Select(t => t.Log10Probability));
    }

    [Fact]
    public void Write_UsesLmplzConventionsForSpecialWords()
    {
        var (m, _, _) = Model();
        var writer = new StringWriter();

        ArpaFile.Write(m, writer);

        var lines = writer.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("0\t<s>\t", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("<pad>"));
        Assert.Contains("ngram 3=", writer.ToString());
    }

    [Fact]
    public void Write_ReplacesTheFileAtomically_LeavingNoTemporaryFile()
    {
        var (m, _, _) = Model();
        var dir = Directory.CreateTempSubdirectory("ngram-arpa").FullName;
        var path = Path.Combine(dir, "lm.arpa");
        File.WriteAllText(path, "old");

        ArpaFile.Write(m, path);

        Assert.StartsWith("\n\\data\\", File.ReadAllText(path));
        Assert.Equal(["lm.arpa"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Directory.Delete(dir, true);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-0.5\t</s>\n\n\\end\\\n", "", "" },   // valid baseline
        { "\\data\\\nngram 1=x\n", "memory:2:", "ngram N=COUNT" },
        { "\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\nabc\t</s>\n\n\\end\\\n", "memory:6:", "'abc' is not a number" },
        { "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<s>\n-0.5\t</s>\n\n\\end\\\n", "memory:7:", "has 2 entries but the header declares 3" },
        { "\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-1\t<s>\t-0.2\n-0.5\t</s>\n\n\\2-grams:\n-0.1\tfoo </s>\n\n\\end\\\n", "memory:10:", "word 'foo'" },
        { "\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-0.5\t</s>\n", "memory:6:", "expected '\\end\\'" },
        { "no header here\n", "memory:1:", "no \\data\\ header" },
        { "\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\t-0.1\t7\n-0.5\t</s>\n\n\\end\\\n", "memory:5:", "got 4 field(s)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedFile_ErrorNamesTheLine(string text, string where, string what)
    {
        if (where.Length == 0)
        {
            var ok = ArpaFile.Read(new StringReader(text), "memory");
            Assert.Equal(1, ok.Order);
            return;
        }

        var e = Assert.Throws<FormatException>(() => ArpaFile.Read(new StringReader(text), "memory"));

        Assert.StartsWith(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ReadFile_MalformedFile_ErrorNamesTheFileAndLine(string text, string where, string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.arpa");
        File.WriteAllText(path, text);
        try
        {
            if (where.Length == 0)
            {
                Assert.Equal(1, ArpaFile.Read(path).Order);
                return;
            }

            var e = Assert.Throws<FormatException>(() => ArpaFile.Read(path));

            Assert.StartsWith(path + where["memory".Length..], e.Message);
            Assert.Contains(what, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_LinesOutOfTrieOrder_GiveTheSameModel()
    {
        // lmplz writes its own order, not the kit's ids: the reader sorts a section that is not in trie order.
        var (m, v, test) = Model();
        var writer = new StringWriter { NewLine = "\n" };
        ArpaFile.Write(m, writer);
        var lines = writer.ToString().Split('\n');
        int start = Array.IndexOf(lines, "\\3-grams:") + 1;
        int end = Array.IndexOf(lines, "", start);
        Array.Reverse(lines, start, end - start);
        var shuffled = string.Join('\n', lines);

        var back = ArpaFile.Read(new StringReader(shuffled), "memory", v);

        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(m.Words[k], back.Words[k]);
            Assert.Equal(m.Log10Probs[k], back.Log10Probs[k]);
        }
        Assert.Equal(Perplexity.Evaluate(m, test).Log10Probability, Perplexity.Evaluate(back, test).Log10Probability);
    }

    [Fact]
    public void Read_RepeatedTrigram_NamesItAndTheLaterLine()
    {
        var text = "\\data\\\nngram 1=3\nngram 2=1\nngram 3=2\n\n\\1-grams:\n-1\t<s>\t-0.2\n-0.5\t</s>\t-0.1\n-0.5\ta\t-0.1\n\n\\2-grams:\n-0.3\t<s> a\t-0.1\n\n\\3-grams:\n-0.2\t<s> a </s>\n-0.2\t<s> a </s>\n\n\\end\\\n";

        var e = Assert.Throws<FormatException>(() => ArpaFile.Read(new StringReader(text), "memory"));

        Assert.StartsWith("memory:16:", e.Message);
        Assert.Contains("3-gram '<s> a </s>' appears twice", e.Message);
    }

    [Fact]
    public void Read_SrilmStyleMinus99ForSentenceStart_IsAccepted()
    {
        var text = "\\data\\\nngram 1=3\n\n\\1-grams:\n-99\t<s>\n-0.30103\t</s>\n-0.30103\t<unk>\n\n\\end\\\n";

        var m = ArpaFile.Read(new StringReader(text), "memory");

        Assert.Equal(0.5, m.Probability([m.Vocabulary.BeginId], m.Vocabulary.EndId), 1e-6);
        Assert.Equal(0.0, m.Probability([], m.Vocabulary.BeginId));
    }
}
