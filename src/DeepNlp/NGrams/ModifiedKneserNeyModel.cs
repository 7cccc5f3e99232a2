namespace DeepNlp.NGrams;

/// <summary>Interpolated modified Kneser–Ney (Chen &amp; Goodman, 1998), the model KenLM's <c>lmplz</c> builds by default.</summary>
/// <remarks>
/// Three discounts per order (D1, D2, D3+) from the counts-of-counts of adjusted (continuation) counts; lower orders
/// use continuation counts; the result is interpolated down to the uniform distribution over |V| (&lt;unk&gt;
/// included, &lt;s&gt; excluded). The same corpus gives the same probabilities as <c>lmplz -o N</c> (to float
/// precision); the formulas and the treatment of &lt;s&gt;, &lt;/s&gt; and &lt;unk&gt; are spelled out on the
/// estimator in <c>KneserNeyEstimator.cs</c>. Stored in backoff form, so it exports to ARPA unchanged.
/// </remarks>
public sealed class ModifiedKneserNeyModel : BackoffModel
{
    private ModifiedKneserNeyModel(BackoffModel model, KneserNeyDiscount[] discounts) : base(model) => Discounts = discounts;

    /// <summary>The discounts of each order (index n-1).</summary>
    public IReadOnlyList<KneserNeyDiscount> Discounts { get; }

    /// <summary>Estimates the model from counts.</summary>
    /// <param name="counts">Training counts (order ≥ 1).</param>
    /// <param name="discountFallback">D1, D2, D3+ to use for an order whose counts-of-counts cannot give discounts
    /// (lmplz's <c>--discount_fallback</c>, usually 0.5, 1, 1.5); null to fail as lmplz does by default.</param>
    /// <exception cref="InvalidOperationException">Discounts cannot be computed and no fallback was given.</exception>
    /// <exception cref="ArgumentException">The fallback does not hold three values.</exception>
    public static ModifiedKneserNeyModel Estimate(NGramCounts counts, IReadOnlyList<double>? discountFallback = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (discountFallback is { Count: not 3 }) throw new ArgumentException("The fallback needs three discounts: D1, D2, D3+.", nameof(discountFallback));
        var (words, children, prob, backoff, discounts) = KneserNeyEstimator.Estimate(counts, modified: true, discountFallback);
        return new ModifiedKneserNeyModel(new BackoffModelData(counts.Vocabulary, words, children, prob, backoff, "modified Kneser-Ney"), discounts);
    }

    /// <summary>Counts the sentences and estimates the model in one call.</summary>
    public static ModifiedKneserNeyModel Estimate(IEnumerable<int[]> sentences, Text.Vocabulary vocabulary, int order, IReadOnlyList<double>? discountFallback = null) =>
        Estimate(NGramCounts.Build(sentences, vocabulary, order), discountFallback);
}
