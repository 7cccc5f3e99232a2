namespace DeepNlp.NGrams;

/// <summary>Interpolated Kneser–Ney with one discount per order, D = n_1 / (n_1 + 2 n_2) (Ney et al., 1994).</summary>
/// <remarks>
/// The same construction as <see cref="ModifiedKneserNeyModel"/> (adjusted counts, interpolation down to the
/// uniform distribution, lmplz's handling of &lt;s&gt;, &lt;/s&gt; and &lt;unk&gt;) with D1 = D2 = D3+ = D:
/// p(w | h) = max(a(h w) − D, 0) / s(h) + γ(h) p(w | h'), γ(h) = D · N1+(h•) / s(h).
/// </remarks>
public sealed class KneserNeyModel : BackoffModel
{
    private KneserNeyModel(BackoffModel model, KneserNeyDiscount[] discounts) : base(model) => Discounts = discounts;

    /// <summary>The discount of each order (index n-1; D1 = D2 = D3+).</summary>
    public IReadOnlyList<KneserNeyDiscount> Discounts { get; }

    /// <summary>Estimates the model from counts.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="discountFallback">D for an order whose counts-of-counts cannot give one; null to fail instead.</param>
    /// <exception cref="InvalidOperationException">A discount cannot be computed and no fallback was given.</exception>
    public static KneserNeyModel Estimate(NGramCounts counts, double? discountFallback = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var fallback = discountFallback is { } f ? new[] { f, f, f } : null;
        var (words, children, prob, backoff, discounts) = KneserNeyEstimator.Estimate(counts, modified: false, fallback);
        return new KneserNeyModel(new BackoffModelData(counts.Vocabulary, words, children, prob, backoff, "Kneser-Ney"), discounts);
    }
}
