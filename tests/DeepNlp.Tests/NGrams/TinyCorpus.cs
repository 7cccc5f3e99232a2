using DeepNlp.NGrams;
using DeepNlp.Text;

namespace DeepNlp.Tests.NGrams;

/// <summary>Small corpora whose counts the tests work out by hand.</summary>
internal static class TinyCorpus
{
    /// <summary>"a b", "a b", "b a", "a". Ids: pad 0, unk 1, &lt;s&gt; 2, &lt;/s&gt; 3, a 4, b 5. |V| = 4 (unk, &lt;/s&gt;, a, b).</summary>
    /// <remarks>
    /// Padded: &lt;s&gt; a b &lt;/s&gt; (twice), &lt;s&gt; b a &lt;/s&gt;, &lt;s&gt; a &lt;/s&gt;; 11 predicted tokens.
    /// Unigrams: a 4, b 3, &lt;/s&gt; 4. Bigrams: (&lt;s&gt; a) 3, (&lt;s&gt; b) 1, (a b) 2, (a &lt;/s&gt;) 2, (b &lt;/s&gt;) 2, (b a) 1.
    /// </remarks>
    public static (Vocabulary Vocabulary, List<int[]> Sentences) Abab()
    {
        string[][] text = [["a", "b"], ["a", "b"], ["b", "a"], ["a"]];
        var vocab = Vocabulary.Build(text.SelectMany(s => s));
        return (vocab, text.Select(s => vocab.Encode(s)).ToList());
    }

    /// <summary>"a c a", "b c", "b c", "b a b" (for Katz: valid Good–Turing discounts with k = 2).</summary>
    public static (Vocabulary Vocabulary, List<int[]> Sentences) Katz()
    {
        string[][] text = [["a", "c", "a"], ["b", "c"], ["b", "c"], ["b", "a", "b"]];
        var vocab = Vocabulary.Build(text.SelectMany(s => s));
        return (vocab, text.Select(s => vocab.Encode(s)).ToList());
    }

    /// <summary>The 200 training paragraphs of the modified-KN reference fixture, tokenised.</summary>
    public static (Vocabulary Vocabulary, List<int[]> Sentences, List<int[]> Test) Gutenberg200()
    {
        var fixture = MknReference.Load();
        var train = fixture.Train.Select(l => l.Split(' ')).ToList();
        var vocab = NGramText.BuildVocabulary(train);
        return (vocab, NGramText.Encode(train, vocab), NGramText.Encode(fixture.Test.Select(l => l.Split(' ')), vocab));
    }

    /// <summary>A seeded random corpus large enough that counting, estimating and writing split their work into
    /// several chunks: words drawn from a skewed distribution over <paramref name="words"/> words, 1–14 per line.</summary>
    /// <returns>The text (one sentence per line, words separated by single spaces) and its sentences as words.</returns>
    public static (string Text, List<string[]> Sentences) Synthetic(int sentences, int words, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string[]>(sentences);
        for (int s = 0; s < sentences; s++)
        {
            var line = new string[random.Next(1, 15)];
            for (int k = 0; k < line.Length; k++) line[k] = "w" + (int)(words * Math.Pow(random.NextDouble(), 3));
            lines.Add(line);
        }
        return (string.Join('\n', lines.Select(l => string.Join(' ', l))) + "\n", lines);
    }

    public static int[] Ids(Vocabulary v, params string[] tokens) => tokens.Select(t => v[t]).ToArray();
}
