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

    /// <summary>Reads a file of words separated by spaces, one sentence per line (the text <c>lmplz</c> reads), into a
    /// vocabulary and id sentences, straight from its UTF-8 bytes.</summary>
    /// <remarks>See <see cref="EncodeUtf8"/>. To count the file, <see cref="NGramCounts.FromTokenFile"/> does the same
    /// without the id arrays.</remarks>
    /// <exception cref="FormatException">The file is not valid UTF-8; the message names the file and line.</exception>
    public static EncodedText ReadTokenFile(string path, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var (vocabulary, corpus) = Utf8CorpusReader.ReadFile(path, minCount);
        using (corpus) return new EncodedText(vocabulary, corpus.ToSentences());
    }

    /// <summary>Builds the vocabulary and the id sentences of UTF-8 text of one sentence per line, words separated by
    /// spaces or tabs, without a string per token.</summary>
    /// <param name="utf8">The text. Lines end with '\n' (a '\r' before it is whitespace); blank lines are skipped.</param>
    /// <param name="minCount">Words seen fewer times become &lt;unk&gt;.</param>
    /// <param name="source">Names the text in error messages.</param>
    /// <remarks>The same vocabulary (ids, order, frequencies) and sentences as <see cref="Sentences"/> with a split on
    /// whitespace, then <see cref="BuildVocabulary"/> and <see cref="Encode"/>; tested against them. Words are counted
    /// by their bytes in the text (<see cref="Utf8WordCounter"/>, one counter per core over its share of the lines) and
    /// a string is made only per distinct word, so a corpus of millions of tokens does not become millions of strings
    /// (the kit's text → ARPA peak memory).</remarks>
    /// <exception cref="FormatException">The text is not valid UTF-8; the message names the source and line.</exception>
    public static unsafe EncodedText EncodeUtf8(ReadOnlySpan<byte> utf8, int minCount = 1, string source = "text")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        fixed (byte* text = utf8)
        {
            var (vocabulary, corpus) = Utf8CorpusReader.Read(text, utf8.Length, minCount, source);
            using (corpus) return new EncodedText(vocabulary, corpus.ToSentences());
        }
    }
}
