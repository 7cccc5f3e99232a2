namespace DeepNlp.NGrams;

/// <summary>Add-k (Lidstone) smoothing; k = 1 is Laplace's add-one: P(w | h) = (c(h w) + k) / (c(h•) + k|V|).</summary>
/// <remarks>
/// Uses the full context only (no backoff): an unseen context gives the uniform 1/|V|. |V| is
/// <see cref="NGramModel.PredictedCount"/> (&lt;unk&gt; and &lt;/s&gt; included, &lt;s&gt; excluded). With a large
/// vocabulary it moves far too much mass to unseen n-grams, which the smoothing comparison chart shows.
/// </remarks>
public sealed class AddKModel : CountBasedModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="k">Pseudo-count added to every n-gram (&gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    public AddKModel(NGramCounts counts, double k = 1.0) : base(counts)
    {
        if (!(k > 0)) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");
        K = k;
    }

    /// <summary>The pseudo-count k.</summary>
    public double K { get; }

    /// <inheritdoc />
    public override string Name => K == 1 ? "add-one (Laplace)" : $"add-{K:G3}";

    /// <inheritdoc />
    public override double Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return 0;
        var h = Truncate(context);
        int k = h.Length;
        int id = k == 0 ? 0 : ContextId(h);
        long joint = id < 0 ? 0 : JointCount(k, id, word);
        long total = id < 0 ? 0 : ContextTotal(k, id);
        return (joint + K) / (total + K * PredictedCount);   // (c(h w) + k) / (c(h•) + k|V|)
    }
}
