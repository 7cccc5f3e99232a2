using DeepNlp.Text;

namespace DeepNlp.WordVectors;

/// <summary>A corpus prepared for word-vector training: a frequency-ordered vocabulary and the text as word ids, cut into sentences.</summary>
/// <remarks>
/// As the word2vec C tool reads its input: one line is one sentence, words seen fewer than <c>minCount</c> times are
/// dropped from the stream (not mapped to an unknown token), and sentences longer than 1000 words
/// (MAX_SENTENCE_LENGTH) are cut into pieces. The vocabulary has no special tokens; id 0 is the most frequent word.
/// </remarks>
public sealed class TrainingCorpus
{
    /// <summary>The C tool's MAX_SENTENCE_LENGTH.</summary>
    public const int MaxSentenceLength = 1000;

    private TrainingCorpus(Vocabulary vocabulary, int[] ids, int[] starts)
    {
        Vocabulary = vocabulary;
        Ids = ids;
        SentenceStarts = starts;
    }

    /// <summary>Words kept (frequency ≥ minCount), most frequent first, with their corpus counts.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The whole corpus as word ids, sentences back to back.</summary>
    public int[] Ids { get; }

    /// <summary>Start offset of each sentence in <see cref="Ids"/>, plus a final entry equal to <c>Ids.Length</c>.</summary>
    public int[] SentenceStarts { get; }

    /// <summary>Number of sentences.</summary>
    public int SentenceCount => SentenceStarts.Length - 1;

    /// <summary>Number of word tokens kept (the C tool's <c>train_words</c>).</summary>
    public long TokenCount => Ids.Length;

    /// <summary>The tokenizer the lectures and the benchmark use for word vectors: lower-cased words, punctuation dropped.</summary>
    public static ITokenizer WordsOnly { get; } = new WordTokenizer(lowerCase: true, keepPunctuation: false);

    /// <summary>Builds a corpus from text lines.</summary>
    /// <param name="lines">One sentence (or paragraph) per line.</param>
    /// <param name="tokenizer">Splits a line into words; null splits on whitespace.</param>
    /// <param name="minCount">Drop words seen fewer times (the C tool's <c>-min-count</c>, default 5).</param>
    /// <param name="maxVocabulary">Keep at most this many words (most frequent first); null for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> is below 1.</exception>
    public static TrainingCorpus FromLines(IEnumerable<string> lines, ITokenizer? tokenizer = null, int minCount = 5, int? maxVocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        tokenizer ??= new WhitespaceSplitter();
        var sentences = lines.Select(tokenizer.Tokenize).Where(s => s.Length > 0).ToList();
        return FromSentences(sentences, minCount, maxVocabulary);
    }

    /// <summary>Builds a corpus from already tokenized sentences.</summary>
    /// <param name="sentences">Each sentence as a list of words.</param>
    /// <param name="minCount">Drop words seen fewer times.</param>
    /// <param name="maxVocabulary">Keep at most this many words; null for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> is below 1.</exception>
    public static TrainingCorpus FromSentences(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 5, int? maxVocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var list = sentences.ToList();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in list)
            foreach (var w in s)
                counts[w] = counts.GetValueOrDefault(w) + 1;
        var vocab = Vocabulary.FromCounts(counts, minCount, maxVocabulary, specials: []);
        var ids = new List<int>();
        var starts = new List<int> { 0 };
        foreach (var s in list)
        {
            int len = 0;
            foreach (var w in s)
            {
                if (!vocab.TryGetId(w, out int id)) continue;
                ids.Add(id);
                if (++len == MaxSentenceLength) { starts.Add(ids.Count); len = 0; }
            }
            if (len > 0) starts.Add(ids.Count);
        }
        return new TrainingCorpus(vocab, ids.ToArray(), starts.ToArray());
    }

    /// <summary>The first <paramref name="sentences"/> sentences as a new corpus (vocabulary and counts kept), for quick runs.</summary>
    public TrainingCorpus Take(int sentences)
    {
        int n = Math.Clamp(sentences, 0, SentenceCount);
        return new TrainingCorpus(Vocabulary, Ids[..SentenceStarts[n]], SentenceStarts[..(n + 1)]);
    }

    /// <inheritdoc />
    public override string ToString() => $"TrainingCorpus({TokenCount:N0} tokens, {SentenceCount:N0} sentences, {Vocabulary.Count:N0} words)";

    /// <summary>An HTML one-liner of the corpus size.</summary>
    public string ToHtml() => $"<div><b>TrainingCorpus</b>: {TokenCount:N0} tokens, {SentenceCount:N0} sentences, {Vocabulary.Count:N0} distinct words</div>";

    private sealed class WhitespaceSplitter : ITokenizer
    {
        public string[] Tokenize(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
}
