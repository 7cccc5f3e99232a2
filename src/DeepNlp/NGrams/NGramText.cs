using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Turns raw lines into the sentences the n-gram models count: tokenise, build a vocabulary, encode.</summary>
/// <remarks>
/// The default tokenisation keeps lower-cased runs of letters and digits and drops everything else, the setting the
/// KenLM reference figures of the course benchmark were measured with. One line (a paragraph of the Gutenberg
/// corpus) is one "sentence": it gets one &lt;s&gt; and one &lt;/s&gt;. Empty lines are skipped.
/// </remarks>
public static class NGramText
{
    /// <summary>Lower-cased alphanumeric tokens of a line ("Don't stop!" → "don", "t", "stop").</summary>
    public static string[] AlphanumericTokens(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !char.IsLetterOrDigit(line[i])) i++;
            int start = i;
            while (i < line.Length && char.IsLetterOrDigit(line[i])) i++;
            if (i > start) tokens.Add(line.Substring(start, i - start).ToLowerInvariant());
        }
        return tokens.ToArray();
    }

    /// <summary>Tokenises each non-empty line into a sentence.</summary>
    /// <param name="lines">Raw lines.</param>
    /// <param name="tokenize">Tokeniser; default <see cref="AlphanumericTokens"/>.</param>
    public static List<string[]> Sentences(IEnumerable<string> lines, Func<string, string[]>? tokenize = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        tokenize ??= AlphanumericTokens;
        var result = new List<string[]>();
        foreach (var line in lines)
        {
            var tokens = tokenize(line);
            if (tokens.Length > 0) result.Add(tokens);
        }
        return result;
    }

    /// <summary>A vocabulary of the words seen at least <paramref name="minCount"/> times (the rest become &lt;unk&gt;).</summary>
    public static Vocabulary BuildVocabulary(IEnumerable<string[]> sentences, int minCount = 1) =>
        Vocabulary.Build(sentences.SelectMany(s => s), minCount);

    /// <summary>Maps every sentence to ids (unknown words → &lt;unk&gt;).</summary>
    public static List<int[]> Encode(IEnumerable<string[]> sentences, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var result = new List<int[]>();
        foreach (var s in sentences)
        {
            var ids = new int[s.Length];
            for (int i = 0; i < s.Length; i++) ids[i] = vocabulary[s[i]];
            result.Add(ids);
        }
        return result;
    }
}
