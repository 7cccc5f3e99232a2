namespace DeepNlp.NGrams;

/// <summary>Maximum-likelihood (relative frequency) n-gram estimates: P(w | h) = c(h w) / c(h•).</summary>
/// <remarks>
/// Unseen n-grams get probability 0, so the perplexity of new text is usually infinite: the motivation for smoothing
/// in <c>notebooks/03_ngram_language_models.ipynb</c>. When the context itself never occurred (c(h•) = 0) the
/// estimate is undefined; this class then uses the longest suffix of h that did occur, so that P(· | h) is always a
/// distribution.
/// </remarks>
public sealed class MaximumLikelihoodModel : CountBasedModel
{
    /// <summary>Creates the model over <paramref name="counts"/>.</summary>
    public MaximumLikelihoodModel(NGramCounts counts) : base(counts) { }

    /// <inheritdoc />
    public override string Name => "MLE";

    /// <inheritdoc />
    public override double Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return 0;
        var h = Truncate(context);
        for (int k = h.Length; k > 0; k--)
        {
            int id = ContextId(h[^k..]);
            if (id < 0) continue;
            long total = ContextTotal(k, id);
            if (total > 0) return JointCount(k, id, word) / (double)total;   // c(h w) / c(h•)
        }
        return JointCount(0, 0, word) / (double)Counts.TokenCount;           // c(w) / c(•)
    }
}
