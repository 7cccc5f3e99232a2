using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>What every n-gram estimator offers: P(w | context) for each vocabulary word.</summary>
/// <remarks>
/// A context is the list of preceding ids, starting with &lt;s&gt; at a sentence start; only its last N-1 ids are
/// used, and fewer at a sentence start (no n-gram reaches back past &lt;s&gt;, as in KenLM). The predicted set is every
/// vocabulary id except &lt;s&gt; (context only) and &lt;pad&gt;; both always get probability 0, and &lt;/s&gt; and
/// &lt;unk&gt; are predicted like words. Estimators with <see cref="IsNormalized"/> true sum to 1 over the vocabulary
/// for every context. Taught in <c>notebooks/03_ngram_language_models.ipynb</c>.
/// </remarks>
public abstract class NGramModel
{
    /// <summary>Creates the shared part of a model.</summary>
    /// <exception cref="ArgumentException">The vocabulary lacks &lt;s&gt; or &lt;/s&gt;.</exception>
    protected NGramModel(Vocabulary vocabulary, int order)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        if (vocabulary.BeginId < 0 || vocabulary.EndId < 0)
            throw new ArgumentException($"An n-gram model needs {SpecialTokens.BeginSentence} and {SpecialTokens.EndSentence} in its vocabulary.", nameof(vocabulary));
        Vocabulary = vocabulary;
        Order = order;
        PredictedCount = vocabulary.Count - 1 - (vocabulary.PaddingId >= 0 ? 1 : 0);
    }

    /// <summary>The vocabulary the ids refer to.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Highest order N (the context holds at most N-1 ids).</summary>
    public int Order { get; }

    /// <summary>|V|: the number of predicted ids (vocabulary minus &lt;s&gt; and &lt;pad&gt;), the size of the uniform distribution.</summary>
    public int PredictedCount { get; }

    /// <summary>Short name of the estimator, e.g. "modified Kneser-Ney".</summary>
    public abstract string Name { get; }

    /// <summary>Whether P(· | context) sums to 1 over the vocabulary (false for stupid backoff's scores).</summary>
    public virtual bool IsNormalized => true;

    /// <summary>P(<paramref name="word"/> | <paramref name="context"/>).</summary>
    /// <param name="context">Preceding ids, oldest first (starting with &lt;s&gt; at a sentence start).</param>
    /// <param name="word">The predicted id.</param>
    public abstract double Probability(ReadOnlySpan<int> context, int word);

    /// <summary>P(word | context) by tokens; unknown tokens map to &lt;unk&gt;.</summary>
    public double Probability(IEnumerable<string> context, string word) =>
        Probability(Vocabulary.Encode(context), Vocabulary[word]);

    /// <summary>log10 P(<paramref name="word"/> | <paramref name="context"/>) (-∞ for probability 0).</summary>
    public virtual double Log10Probability(ReadOnlySpan<int> context, int word) => Math.Log10(Probability(context, word));

    /// <summary>Fills <paramref name="destination"/>[w] with P(w | context) for every vocabulary id w.</summary>
    /// <param name="context">Preceding ids.</param>
    /// <param name="destination">[vocabulary size].</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the vocabulary.</exception>
    public virtual void Distribution(ReadOnlySpan<int> context, Span<double> destination)
    {
        CheckDestination(destination);
        for (int w = 0; w < Vocabulary.Count; w++) destination[w] = IsPredicted(w) ? Probability(context, w) : 0;
    }

    /// <summary>P(w | context) for every vocabulary id, as a new array.</summary>
    public double[] Distribution(ReadOnlySpan<int> context)
    {
        var result = new double[Vocabulary.Count];
        Distribution(context, result);
        return result;
    }

    /// <summary>log10 probability of each predicted token of a sentence (its words, then &lt;/s&gt;).</summary>
    /// <param name="sentence">Ids of the words, without boundaries.</param>
    /// <param name="destination">[sentence length + 1].</param>
    public virtual void ScoreSentence(ReadOnlySpan<int> sentence, Span<double> destination)
    {
        if (destination.Length < sentence.Length + 1) throw new ArgumentException("One slot per word plus one for </s> is needed.", nameof(destination));
        var padded = new int[sentence.Length + 2];
        padded[0] = Vocabulary.BeginId;
        sentence.CopyTo(padded.AsSpan(1));
        padded[^1] = Vocabulary.EndId;
        for (int t = 1; t < padded.Length; t++)
        {
            int start = Math.Max(0, t - (Order - 1));
            destination[t - 1] = Log10Probability(padded.AsSpan(start, t - start), padded[t]);
        }
    }

    /// <summary>Whether <paramref name="id"/> is predicted (not &lt;s&gt;, not &lt;pad&gt;).</summary>
    protected bool IsPredicted(int id) => id != Vocabulary.BeginId && id != Vocabulary.PaddingId && (uint)id < (uint)Vocabulary.Count;

    /// <summary>Throws when a distribution buffer is too short.</summary>
    protected void CheckDestination(Span<double> destination)
    {
        if (destination.Length < Vocabulary.Count)
            throw new ArgumentException($"destination holds {destination.Length} values; the vocabulary has {Vocabulary.Count}.", nameof(destination));
    }

    /// <summary>The last <c>min(N-1, length)</c> ids of a context, cut after its last &lt;s&gt; (n-grams never cross it).</summary>
    protected ReadOnlySpan<int> Truncate(ReadOnlySpan<int> context)
    {
        if (context.Length > Order - 1) context = context[^(Order - 1)..];
        int lastBos = context.LastIndexOf(Vocabulary.BeginId);
        return lastBos > 0 ? context[lastBos..] : context;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Order}-gram model ({Vocabulary.Count:N0} words)";
}
