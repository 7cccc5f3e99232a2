namespace DeepNlp.NGrams;

/// <summary>Katz backoff with Good–Turing discounts (Katz, 1987).</summary>
/// <remarks>
/// For an n-gram seen r = c(h w) &gt; 0 times, P(w | h) = d_r · r / c(h•); otherwise P(w | h) = α(h) · P(w | h').
/// Good–Turing: r* = (r+1) n_{r+1} / n_r, and with Katz's threshold k = 5 and A = (k+1) n_{k+1} / n_1,
/// d_r = (r*/r − A) / (1 − A) for 1 ≤ r ≤ k and d_r = 1 above k (counts-of-counts n_r of the same order).
/// α(h) = (1 − Σ_{w: c(hw)&gt;0} P(w | h)) / (1 − Σ_{w: c(hw)&gt;0} P(w | h')) hands the freed mass to the unseen
/// words in proportion to the lower order, so every P(· | h) sums to 1.
/// Unigrams: P(w) = d_c · c(w) / c(•), and the freed mass is shared uniformly by the predicted words never seen in
/// training (when every word was seen, the discounted unigrams are renormalised instead).
/// When the counts-of-counts of an order make some d_r fall outside (0, 1] (tiny corpora), discounting is switched
/// off for that order (d_r = 1).
/// <para>A context whose continuations were all seen more than k times (or whose order has no discounts) frees no
/// mass at all, and Katz's scheme would give every unseen word probability 0 there; one such test token makes the
/// perplexity infinite. This class then counts one extra, unseen event for that context: c(h•) + 1 replaces c(h•)
/// in its seen estimates, which leaves 1 / (c(h•) + 1) for the unseen words (a documented deviation from Katz 1987).</para>
/// </remarks>
public sealed class KatzBackoffModel : CountBasedModel
{
    private readonly double[][] _discounts;   // [order-1][r], r = 0..K
    private readonly double[] _unigram;
    private readonly double[]?[] _alpha;      // per context level k (1..N-1), lazily filled; NaN = not computed
    private readonly double[]?[] _total;      // effective c(h•) per context: c(h•), or c(h•) + 1 when it frees no mass

    /// <summary>Creates the model.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="threshold">Katz's k: counts above it are trusted (not discounted).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is below 1.</exception>
    public KatzBackoffModel(NGramCounts counts, int threshold = 5) : base(counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        Threshold = threshold;
        _discounts = new double[Order][];
        for (int n = 1; n <= Order; n++) _discounts[n - 1] = GoodTuring(counts.CountsOfCounts(n, threshold + 1), threshold);
        _unigram = Unigrams();
        _alpha = new double[]?[Order];
        _total = new double[]?[Order];
    }

    /// <summary>Katz's threshold k.</summary>
    public int Threshold { get; }

    /// <summary>The Good–Turing discount d_r for n-grams of order <paramref name="n"/> seen <paramref name="r"/> times.</summary>
    public double Discount(int n, long r) => r > Threshold ? 1 : r <= 0 ? 0 : _discounts[n - 1][r];

    /// <inheritdoc />
    public override string Name => "Katz (Good-Turing)";

    /// <inheritdoc />
    public override double Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return 0;
        return Katz(Truncate(context), word);
    }

    private double Katz(ReadOnlySpan<int> h, int word)
    {
        int k = h.Length;
        if (k == 0) return _unigram[word];
        int id = ContextId(h);
        if (id < 0) return Katz(h[1..], word);
        long total = ContextTotal(k, id);
        if (total == 0) return Katz(h[1..], word);
        long r = JointCount(k, id, word);
        if (r > 0) return Discount(k + 1, r) * r / Total(k, id);   // d_r · r / c(h•)
        return Alpha(k, id) * Katz(h[1..], word);            // α(h) · P(w | h')
    }

    private double Alpha(int k, int id)
    {
        var cache = _alpha[k] ??= Filled(Counts.Level(k).Length);
        if (!double.IsNaN(cache[id])) return cache[id];
        var level = Counts.Level(k);
        var above = Counts.Level(k + 1);
        double total = Total(k, id);
        int lowerContext = k >= 2 ? level.Suffix[id] : 0;
        double lowerTotal = k >= 2 ? Total(k - 1, lowerContext) : 0;
        double seen = 0, seenLower = 0;
        for (int g = level.Children![id]; g < level.Children[id + 1]; g++)
        {
            long r = above.Counts[g];
            seen += Discount(k + 1, r) * r / total;
            if (k == 1) seenLower += _unigram[above.Words[g]];
            else
            {
                // (h' w) was seen whenever (h w) was, so its Katz probability is its discounted relative frequency.
                long rl = Counts.Level(k).Counts[above.Suffix[g]];
                seenLower += Discount(k, rl) * rl / lowerTotal;
            }
        }
        double alpha = seenLower >= 1 - 1e-12 ? 0 : Math.Max(0, 1 - seen) / (1 - seenLower);
        return cache[id] = alpha;
    }

    /// <summary>The denominator of the seen estimates of a context: c(h•), plus one when the discounts free no mass.</summary>
    private double Total(int k, int id)
    {
        var cache = _total[k] ??= Filled(Counts.Level(k).Length);
        if (!double.IsNaN(cache[id])) return cache[id];
        var level = Counts.Level(k);
        var above = Counts.Level(k + 1);
        long total = ContextTotal(k, id);
        double seen = 0;
        for (int g = level.Children![id]; g < level.Children[id + 1]; g++) seen += Discount(k + 1, above.Counts[g]) * above.Counts[g];
        return cache[id] = seen >= total * (1 - 1e-12) ? total + 1 : total;
    }

    private double[] Unigrams()
    {
        var counts = Counts.Level(1).Counts;
        var p = new double[counts.Length];
        double seen = 0;
        int unseen = 0;
        for (int w = 0; w < counts.Length; w++)
        {
            if (!IsPredicted(w)) continue;
            if (counts[w] > 0) seen += p[w] = Discount(1, counts[w]) * counts[w] / Counts.TokenCount;
            else unseen++;
        }
        for (int w = 0; w < counts.Length; w++)
        {
            if (!IsPredicted(w)) continue;
            if (unseen > 0) { if (counts[w] == 0) p[w] = (1 - seen) / unseen; }
            else p[w] /= seen;
        }
        return p;
    }

    private static double[] GoodTuring(long[] n, int k)
    {
        var d = new double[k + 1];
        Array.Fill(d, 1.0);
        if (n[1] == 0) return d;
        double a = (k + 1) * (double)n[k + 1] / n[1];
        var trial = new double[k + 1];
        for (int r = 1; r <= k; r++)
        {
            if (n[r] == 0) return d;
            double rStar = (r + 1) * (double)n[r + 1] / n[r];
            trial[r] = (rStar / r - a) / (1 - a);
            if (!(trial[r] > 0 && trial[r] <= 1)) return d;
        }
        for (int r = 1; r <= k; r++) d[r] = trial[r];
        return d;
    }

    private static double[] Filled(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }
}
