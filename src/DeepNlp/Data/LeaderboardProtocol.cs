using DeepNlp.Text;

namespace DeepNlp.Data;

/// <summary>
/// The one word-level protocol under which the course compares language models by perplexity: the data, the
/// tokenization, the vocabulary and the held-out tokens every leaderboard row is scored on.
/// </summary>
/// <remarks>
/// Taught in lecture 04 (the perplexity leaderboard) and reused by lecture 03's last section and lecture 10, so that
/// a Kneser–Ney 5-gram, the recurrent models and the Transformer are scored on exactly the same tokens. The corpus is
/// the Gutenberg set, tokenized by <see cref="WordCorpus.DefaultTokenizer"/> (lower-cased, punctuation kept as
/// tokens). Every <see cref="TrainEvery"/>-th training paragraph is used for training and for the vocabulary (its
/// <see cref="VocabularySize"/> most frequent tokens plus the specials; every other token is <c>&lt;unk&gt;</c>), and
/// every <see cref="ValidEvery"/>-th validation paragraph is scored. Each paragraph ends with <c>&lt;/s&gt;</c>, which
/// every model must predict: a model is scored on <see cref="PredictedTokens"/> tokens, the words and the
/// <c>&lt;/s&gt;</c> of every validation paragraph.
/// <code>
/// var data = LeaderboardProtocol.Gutenberg(full: false);
/// var kn5  = ModifiedKneserNeyModel.Estimate(data.TrainSentences, data.Vocabulary, 5);
/// </code>
/// </remarks>
public sealed class LeaderboardProtocol
{
    private LeaderboardProtocol(WordCorpus corpus, int trainEvery, int validEvery, int vocabularySize)
    {
        TrainEvery = trainEvery;
        ValidEvery = validEvery;
        VocabularySize = vocabularySize;
        TrainParagraphs = corpus.Paragraphs(Split.Train).Where((_, i) => i % trainEvery == 0).ToList();
        ValidParagraphs = corpus.Paragraphs(Split.Valid).Where((_, i) => i % validEvery == 0).ToList();
        Vocabulary = Vocabulary.Build(TrainParagraphs.SelectMany(p => p), maxSize: vocabularySize);
        TrainSentences = TrainParagraphs.Select(p => Vocabulary.Encode(p)).ToList();
        ValidSentences = ValidParagraphs.Select(p => Vocabulary.Encode(p)).ToList();
        TrainStream = AsStream(TrainSentences, Vocabulary.EndId, leadingEnd: false);
        // The validation stream starts with </s>, as if a paragraph had just ended, so that its first word is
        // predicted too: a stream model then predicts exactly the tokens an n-gram model scores.
        ValidStream = AsStream(ValidSentences, Vocabulary.EndId, leadingEnd: true);
        PredictedTokens = ValidSentences.Sum(s => (long)s.Length + 1);
        long unknown = ValidSentences.Sum(s => (long)s.Count(id => id == Vocabulary.UnknownId));
        UnknownShare = unknown / (double)ValidSentences.Sum(s => (long)s.Length);
    }

    /// <summary>
    /// The Gutenberg protocol of lecture 04. Default run: every 8th training paragraph, the 2,000 most frequent
    /// tokens, every 4th validation paragraph. With <paramref name="full"/>: every 2nd training paragraph, 10,000
    /// tokens, the whole validation split.
    /// </summary>
    /// <param name="full">The longer protocol of a <c>FULL</c> run.</param>
    /// <param name="corpus">The corpus; default <c>Datasets.Gutenberg.Load()</c>.</param>
    public static LeaderboardProtocol Gutenberg(bool full = false, WordCorpus? corpus = null) =>
        new(corpus ?? Datasets.Gutenberg.Load(), trainEvery: full ? 2 : 8, validEvery: full ? 1 : 4, vocabularySize: full ? 10_000 : 2_000);

    /// <summary>Every how many training paragraphs one is kept.</summary>
    public int TrainEvery { get; }

    /// <summary>Every how many validation paragraphs one is scored.</summary>
    public int ValidEvery { get; }

    /// <summary>How many of the most frequent training tokens the vocabulary keeps (the specials come on top).</summary>
    public int VocabularySize { get; }

    /// <summary>The training paragraphs used, tokenized.</summary>
    public IReadOnlyList<string[]> TrainParagraphs { get; }

    /// <summary>The validation paragraphs scored, tokenized.</summary>
    public IReadOnlyList<string[]> ValidParagraphs { get; }

    /// <summary>The vocabulary every model shares.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Training paragraphs as id sequences without boundaries (the n-gram view).</summary>
    public IReadOnlyList<int[]> TrainSentences { get; }

    /// <summary>Validation paragraphs as id sequences without boundaries (the n-gram view).</summary>
    public IReadOnlyList<int[]> ValidSentences { get; }

    /// <summary>Training paragraphs joined into one stream, each followed by <c>&lt;/s&gt;</c> (the stream view).</summary>
    public int[] TrainStream { get; }

    /// <summary>
    /// Validation paragraphs joined, each followed by <c>&lt;/s&gt;</c>, after one leading <c>&lt;/s&gt;</c>: predicting
    /// every token after the first scores exactly <see cref="PredictedTokens"/> tokens.
    /// </summary>
    public int[] ValidStream { get; }

    /// <summary>How many tokens every model predicts: the words and the <c>&lt;/s&gt;</c> of every validation paragraph.</summary>
    public long PredictedTokens { get; }

    /// <summary>The share of validation words (not counting <c>&lt;/s&gt;</c>) that are <c>&lt;unk&gt;</c>.</summary>
    public double UnknownShare { get; }

    /// <summary>Perplexity from a summed negative log-likelihood in nats over <paramref name="tokens"/> predictions.</summary>
    /// <param name="totalNll">Summed −ln p over the predicted tokens.</param>
    /// <param name="tokens">How many tokens were predicted.</param>
    public static double Perplexity(double totalNll, long tokens) =>
        tokens > 0 ? Math.Exp(totalNll / tokens) : throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "No tokens were scored.");

    /// <summary>One line for a notebook: sizes and the <c>&lt;unk&gt;</c> share.</summary>
    public override string ToString() =>
        $"vocabulary {Vocabulary.Count:N0} (with specials); train {TrainStream.Length:N0} tokens; valid {PredictedTokens:N0} predicted tokens, {UnknownShare:P1} <unk>";

    private static int[] AsStream(IReadOnlyList<int[]> sentences, int endId, bool leadingEnd)
    {
        var stream = new List<int>(sentences.Sum(s => s.Length + 1) + 1);
        if (leadingEnd) stream.Add(endId);
        foreach (var s in sentences)
        {
            stream.AddRange(s);
            stream.Add(endId);
        }
        return stream.ToArray();
    }
}
