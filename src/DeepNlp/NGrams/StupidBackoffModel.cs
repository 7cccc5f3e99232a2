namespace DeepNlp.NGrams;

/// <summary>Stupid backoff (Brants et al., 2007): relative frequencies, backing off with a fixed factor α.</summary>
/// <remarks>
/// S(w | h) = c(h w) / c(h•) when c(h w) &gt; 0, otherwise α·S(w | h'); S(w) = c(w) / c(•). These are scores, not
/// probabilities: they do not sum to 1 over the vocabulary (<see cref="IsNormalized"/> is false), so a "perplexity"
/// computed from them is not comparable with the normalised estimators. Brants et al. use α = 0.4. Cheap to build
/// (no discounts, no normalisers), which is why it scaled to web-size corpora.
/// </remarks>
public sealed class StupidBackoffModel : CountBasedModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="alpha">Backoff factor in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside (0, 1].</exception>
    public StupidBackoffModel(NGramCounts counts, double alpha = 0.4) : base(counts)
    {
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        Alpha = alpha;
    }

    /// <summary>The backoff factor α.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override string Name => "stupid backoff";

    /// <inheritdoc />
    public override bool IsNormalized => false;

    /// <summary>The score S(word | context) (not a probability).</summary>
    public override double Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return 0;
        var h = Truncate(context);
        double factor = 1;
        for (int k = h.Length; k > 0; k--, factor *= Alpha)
        {
            int id = ContextId(h[^k..]);
            if (id < 0) continue;
            long joint = JointCount(k, id, word);
            if (joint > 0) return factor * joint / ContextTotal(k, id);   // α^backoffs · c(h w) / c(h•)
        }
        return factor * JointCount(0, 0, word) / Counts.TokenCount;
    }
}
