using System.Text;
using DeepNlp.NGrams;
using DeepNlp.Text;

namespace DeepNlp.Tests.NGrams;

public class ProbingModelTests
{
    /// <summary>A 3-gram model with every kind of backoff chain: a context with a backoff and continuations ("a b"), a
    /// context with backoff 0 and continuations ("b a"), an n-gram with a backoff but no continuation ("b c"), one with
    /// neither ("a &lt;/s&gt;"), a word that is never a context ("c"), and &lt;unk&gt;.</summary>
    private const string ChainArpa = """
        \data\
        ngram 1=6
        ngram 2=5
        ngram 3=2

        \1-grams:
        -1.0	<unk>
        -99	<s>	-0.5
        -0.7	</s>
        -0.6	a	-0.3
        -0.8	b	-0.2
        -0.9	c

        \2-grams:
        -0.4	<s> a	-0.25
        -0.5	a b	-0.15
        -0.45	b a	0
        -0.35	a </s>
        -0.3	b c	-0.1

        \3-grams:
        -0.2	<s> a b
        -0.1	b a b

        \end\

        """;

    private static BackoffModel ChainModel() =>
        ArpaFile.Read(new StringReader(ChainArpa), "chain", Vocabulary.FromTokens(["<pad>", "<unk>", "<s>", "</s>", "a", "b", "c"]));

    private static void AssertSameScores(BackoffModel trie, ProbingModel probing, int[] sentence)
    {
        var expected = new double[sentence.Length + 1];
        var actual = new double[sentence.Length + 1];
        trie.ScoreSentence(sentence, expected);
        probing.ScoreSentence(sentence, actual);
        for (int t = 0; t < expected.Length; t++)
            Assert.True(expected[t].Equals(actual[t]), $"token {t} of [{string.Join(' ', trie.Vocabulary.Decode(sentence))}]: trie {expected[t]:R}, probing {actual[t]:R}");
    }

    [Fact]
    public void ScoreSentence_BackoffChains_EqualTheTrieToTheLastBit()
    {
        var trie = ChainModel();
        var probing = new ProbingModel(trie);
        var v = trie.Vocabulary;
        var random = new Random(21);
        int[] ids = [v["a"], v["b"], v["c"], v["</s>"], v["<unk>"], v["<s>"], v["<pad>"]];

        for (int i = 0; i < 2000; i++)
        {
            var sentence = Enumerable.Range(0, random.Next(0, 9)).Select(_ => ids[random.Next(random.Next(2) == 0 ? 3 : ids.Length)]).ToArray();
            AssertSameScores(trie, probing, sentence);
        }
    }

    [Fact]
    public void ScoreSentence_ChainModel_GivesTheHandWorkedScores()
    {
        var probing = new ProbingModel(ChainModel());
        var v = probing.Vocabulary;
        var scores = new double[4];

        probing.ScoreSentence([v["a"], v["b"], v["c"]], scores);

        // a | <s>: bigram "<s> a". b | <s> a: trigram "<s> a b". c | a b: "a b c" and "b c"? only "b c" is stored:
        // p(b c) + b(a b). </s> | b c: no "c </s>" nor "b c </s>": p(</s>) + b(c) (never stored: 0) + b(b c).
        Assert.Equal((double)-0.4f, scores[0]);
        Assert.Equal((double)-0.2f, scores[1]);
        Assert.Equal((double)-0.3f + (double)-0.15f, scores[2]);
        Assert.Equal((double)-0.7f + (double)-0.1f, scores[3]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void ScoreSentence_GutenbergModel_EqualsTheTrieOnEveryToken(int order)
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var trie = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, order), [0.5, 1, 1.5]);
        var probing = new ProbingModel(trie);
        var random = new Random(order);

        foreach (var s in test) AssertSameScores(trie, probing, s);
        // Training sentences reach the highest orders; shuffled ones back off at every word; <s>, </s> and <unk> inside.
        foreach (var s in train.Take(50)) AssertSameScores(trie, probing, s);
        for (int i = 0; i < 200; i++)
        {
            var s = train[random.Next(train.Count)].ToArray();
            for (int t = 0; t < s.Length; t++)
                if (random.Next(4) == 0) s[t] = random.Next(6) switch { 0 => v.BeginId, 1 => v.EndId, 2 => v.UnknownId, _ => random.Next(v.Count) };
            AssertSameScores(trie, probing, s);
        }
    }

    [Fact]
    public void EvaluateText_ManyBatches_SameSumsAsTheTrie()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var trie = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 4), [0.5, 1, 1.5]);
        var probing = new ProbingModel(trie);
        // Several hundred kilobytes (many batches), with blank lines, tabs, CRLF and words outside the vocabulary.
        var text = new StringBuilder();
        long oovs = 0;
        for (int r = 0; text.Length < 400_000; r++)
            foreach (var s in test.Concat(train.Take(100)))
            {
                text.Append(string.Join(r % 2 == 0 ? " " : " \t", v.Decode(s))).Append(r % 3 == 0 ? " zzzunseen\r\n\n" : "\n");
                oovs += s.Count(id => id == v.UnknownId) + (r % 3 == 0 ? 1 : 0);
            }
        var utf8 = Encoding.UTF8.GetBytes(text.ToString());

        var expected = Perplexity.EvaluateText(trie, utf8);
        var actual = Perplexity.EvaluateText(probing, utf8);

        Assert.Equal(expected.Sentences, actual.Sentences);
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(oovs, expected.Oovs);
        Assert.Equal(oovs, actual.Oovs);
        Assert.Equal(expected.Log10Probability, actual.Log10Probability);
        Assert.Equal(expected.OovLog10Probability, actual.OovLog10Probability);
        Assert.Equal(expected.ZeroProbabilityTokens, actual.ZeroProbabilityTokens);
    }

    [Fact]
    public void Evaluate_ManySentences_SameSumsAsTheTrie()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var trie = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 5), [0.5, 1, 1.5]);
        var sentences = Enumerable.Range(0, 30).SelectMany(_ => test.Concat(train)).Append([]).ToList();

        var expected = Perplexity.Evaluate(trie, sentences);
        var actual = Perplexity.Evaluate(new ProbingModel(trie), sentences);

        Assert.Equal(expected.Sentences, actual.Sentences);
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.Log10Probability, actual.Log10Probability);
        Assert.Equal(expected.OovLog10Probability, actual.OovLog10Probability);
    }

    [Fact]
    public void EvaluateText_WordOutsideAVocabularyWithoutUnk_NamesTheLineInALaterBatch()
    {
        var model = new ProbingModel(ArpaFile.Read(new StringReader("\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<s>\n-0.5\t</s>\n-0.3\tx\n\n\\end\\\n"), "memory",
            Vocabulary.FromTokens(["<s>", "</s>", "x"])));
        var text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) text.Append("x x\n");
        text.Append("x nope x\n");

        var e = Assert.Throws<ArgumentException>(() => Perplexity.EvaluateText(model, Encoding.UTF8.GetBytes(text.ToString()), "test.txt"));

        Assert.StartsWith("test.txt:40001: word 'nope'", e.Message);
    }

    [Fact]
    public void ProbingModel_OfABinaryModelReadBack_ScoresAsTheOriginal()
    {
        var (v, train, test) = TinyCorpus.Gutenberg200();
        var trie = ModifiedKneserNeyModel.Estimate(NGramCounts.Build(train, v, 3), [0.5, 1, 1.5]);
        var path = Path.Combine(Path.GetTempPath(), $"ngram-{Guid.NewGuid():N}.bin");
        try
        {
            BackoffModelFile.Write(new ProbingModel(trie), path);
            var back = new ProbingModel(BackoffModelFile.Read(path));

            Assert.Equal(Perplexity.Evaluate(trie, test).Log10Probability, Perplexity.Evaluate(back, test).Log10Probability);
            Assert.Equal("modified Kneser-Ney", back.Name);
            // 8 bytes per unigram, a header of table pointers, then per higher order 16 bytes a slot, 1.5 slots an
            // n-gram; every part rounded up to 64 bytes.
            static long Align(long bytes) => (bytes + 63) / 64 * 64;
            static long Table(long n) => Align(16 * (long)Math.Ceiling(1.5 * n));
            Assert.Equal(Align(8L * v.Count) + Align(12 * 2) + Table(trie.NGramCount(2)) + Table(trie.NGramCount(3)), back.IndexBytes);
        }
        finally { File.Delete(path); }
    }
}
