using DeepNlp.Text;

namespace DeepNlp.Data;

/// <summary>A word-level language-modelling corpus with a fixed train/valid/test split, one paragraph per line.</summary>
/// <remarks>
/// The lines are kept exactly as stored (raw text; for the Gutenberg corpus, empty lines separate books). The
/// token helpers tokenize on the fly, by default with <see cref="DefaultTokenizer"/> (lower-cased words,
/// punctuation split off as its own tokens, contractions kept whole); pass <see cref="WhitespaceTokenizer"/> to get
/// the whitespace tokens the README counts.
/// </remarks>
public sealed class WordCorpus
{
    /// <summary>Creates a corpus from its three splits.</summary>
    /// <param name="train">Training lines.</param>
    /// <param name="valid">Validation lines.</param>
    /// <param name="test">Test lines.</param>
    public WordCorpus(IReadOnlyList<string> train, IReadOnlyList<string> valid, IReadOnlyList<string> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(test);
        Train = train;
        Valid = valid;
        Test = test;
    }

    /// <summary>The tokenizer the helpers use when none is given: <c>new WordTokenizer(lowerCase: true)</c>.</summary>
    public static WordTokenizer DefaultTokenizer { get; } = new(lowerCase: true);

    /// <summary>Training lines.</summary>
    public IReadOnlyList<string> Train { get; }

    /// <summary>Validation lines.</summary>
    public IReadOnlyList<string> Valid { get; }

    /// <summary>Test lines.</summary>
    public IReadOnlyList<string> Test { get; }

    /// <summary>The lines of <paramref name="split"/>.</summary>
    public IReadOnlyList<string> Lines(Split split) => split switch
    {
        Split.Train => Train,
        Split.Valid => Valid,
        Split.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>The non-empty paragraphs of <paramref name="split"/>, each tokenized.</summary>
    /// <param name="split">Which split.</param>
    /// <param name="tokenizer">Tokenizer; default <see cref="DefaultTokenizer"/>.</param>
    public IEnumerable<string[]> Paragraphs(Split split, ITokenizer? tokenizer = null)
    {
        var tok = tokenizer ?? DefaultTokenizer;
        foreach (var line in Lines(split))
        {
            var tokens = tok.Tokenize(line);
            if (tokens.Length > 0) yield return tokens;
        }
    }

    /// <summary>The sentences of <paramref name="split"/>: each paragraph cut after '.', '!' or '?' (see <see cref="WordTokenizer.SplitSentences"/>).</summary>
    /// <param name="split">Which split.</param>
    /// <param name="tokenizer">Word tokenizer; default <see cref="DefaultTokenizer"/> (lower-cased, punctuation kept).</param>
    /// <remarks>For n-gram models, which wrap each sentence in &lt;s&gt; … &lt;/s&gt;.</remarks>
    public IEnumerable<string[]> Sentences(Split split, WordTokenizer? tokenizer = null)
    {
        var tok = tokenizer ?? DefaultTokenizer;
        foreach (var line in Lines(split))
        {
            if (line.Length == 0) continue;
            foreach (var sentence in tok.SplitSentences(line)) yield return sentence;
        }
    }

    /// <summary>The token stream of <paramref name="split"/>, optionally with an end marker after each paragraph.</summary>
    /// <param name="split">Which split.</param>
    /// <param name="tokenizer">Tokenizer; default <see cref="DefaultTokenizer"/>.</param>
    /// <param name="endOfParagraph">Token appended after each paragraph (e.g. <c>"&lt;/s&gt;"</c>), or null for none.</param>
    public IEnumerable<string> Tokens(Split split, ITokenizer? tokenizer = null, string? endOfParagraph = null)
    {
        foreach (var paragraph in Paragraphs(split, tokenizer))
        {
            foreach (var t in paragraph) yield return t;
            if (endOfParagraph is not null) yield return endOfParagraph;
        }
    }

    /// <summary>Builds a vocabulary from the training split (special tokens first, then by frequency).</summary>
    /// <param name="minCount">Keep words seen at least this often in train.</param>
    /// <param name="maxSize">Keep at most this many ordinary words; null for no limit.</param>
    /// <param name="tokenizer">Tokenizer; default <see cref="DefaultTokenizer"/>.</param>
    public Vocabulary BuildVocabulary(int minCount = 1, int? maxSize = null, ITokenizer? tokenizer = null) =>
        Vocabulary.Build(Tokens(Split.Train, tokenizer), minCount, maxSize);

    /// <summary>Encodes a split to ids for language modelling: each paragraph's tokens followed by &lt;/s&gt;.</summary>
    /// <param name="split">Which split.</param>
    /// <param name="vocabulary">Vocabulary; out-of-vocabulary words become &lt;unk&gt;.</param>
    /// <param name="tokenizer">Tokenizer; default <see cref="DefaultTokenizer"/>.</param>
    /// <param name="endOfParagraph">Append &lt;/s&gt; after each paragraph (as the PTB/WikiText LM setups append &lt;eos&gt; per line).</param>
    /// <returns>The id stream, ready for <see cref="StreamBatches"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="endOfParagraph"/> is true but the vocabulary has no &lt;/s&gt;.</exception>
    public int[] Encode(Split split, Vocabulary vocabulary, ITokenizer? tokenizer = null, bool endOfParagraph = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (endOfParagraph && vocabulary.EndId < 0)
            throw new ArgumentException($"The vocabulary has no {SpecialTokens.EndSentence}; pass endOfParagraph: false or build it with the default specials.", nameof(vocabulary));
        var ids = new List<int>();
        foreach (var paragraph in Paragraphs(split, tokenizer))
        {
            foreach (var t in paragraph) ids.Add(vocabulary[t]);
            if (endOfParagraph) ids.Add(vocabulary.EndId);
        }
        return ids.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => $"WordCorpus(train {Train.Count:N0} lines, valid {Valid.Count:N0}, test {Test.Count:N0})";
}
