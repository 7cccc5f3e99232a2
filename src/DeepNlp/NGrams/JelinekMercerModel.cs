namespace DeepNlp.NGrams;

/// <summary>Interpolated Jelinek–Mercer smoothing with one weight per order, tuned on held-out text by EM.</summary>
/// <remarks>
/// P_n(w | h) = λ_n · c(h w) / c(h•) + (1 − λ_n) · P_{n−1}(w | h'), starting from the uniform P_0(w) = 1/|V|.
/// An order whose context never occurred is skipped (its λ acts as 0), so every P(· | h) sums to 1.
/// The weights maximise the held-out likelihood: the model is a nested mixture ("stop at order n with probability
/// λ_n, else go down"), and EM re-estimates λ_n = E[stops at n] / E[reaches n] from the posterior over where each
/// held-out token stopped (Jelinek &amp; Mercer, 1980; Chen &amp; Goodman, 1998, §2.3, with one bucket per order).
/// </remarks>
public sealed class JelinekMercerModel : CountBasedModel
{
    private readonly double[] _lambda;   // index n = 1..N

    /// <summary>Creates the model with given weights.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="lambdas">λ_1..λ_N, each in [0, 1].</param>
    /// <exception cref="ArgumentException">Not one weight per order, or a weight outside [0, 1].</exception>
    public JelinekMercerModel(NGramCounts counts, IReadOnlyList<double> lambdas) : base(counts)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count != Order) throw new ArgumentException($"One weight per order is needed ({Order}), got {lambdas.Count}.", nameof(lambdas));
        if (lambdas.Any(l => !(l >= 0 && l <= 1))) throw new ArgumentException("Weights must lie in [0, 1].", nameof(lambdas));
        _lambda = [0, .. lambdas];
    }

    /// <summary>λ_1..λ_N.</summary>
    public IReadOnlyList<double> Lambdas => _lambda[1..];

    /// <inheritdoc />
    public override string Name => "Jelinek-Mercer";

    /// <summary>Fits the weights on held-out sentences by EM and returns the model.</summary>
    /// <param name="counts">Training counts.</param>
    /// <param name="heldOut">Held-out sentences (ids, no boundaries), e.g. the validation split.</param>
    /// <param name="iterations">EM iterations (each one pass over the cached per-order estimates).</param>
    /// <param name="progress">Receives the held-out log10 likelihood after each iteration.</param>
    public static JelinekMercerModel Fit(NGramCounts counts, IEnumerable<int[]> heldOut, int iterations = 20, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(heldOut);
        var model = new JelinekMercerModel(counts, Enumerable.Repeat(0.5, counts.Order).ToArray());
        int n = counts.Order;
        // Cache the maximum-likelihood estimate of every available order for every held-out token; NaN = unavailable.
        var ml = new List<double[]>();
        foreach (var sentence in heldOut)
        {
            var padded = new int[sentence.Length + 2];
            padded[0] = counts.Vocabulary.BeginId;
            sentence.CopyTo(padded, 1);
            padded[^1] = counts.Vocabulary.EndId;
            for (int t = 1; t < padded.Length; t++)
            {
                var row = new double[n + 1];
                Array.Fill(row, double.NaN);
                int start = Math.Max(0, t - (n - 1));
                model.MaximumLikelihood(padded.AsSpan(start, t - start), padded[t], row);
                ml.Add(row);
            }
        }
        double uniform = 1.0 / model.PredictedCount;
        var stop = new double[n + 1];
        var reach = new double[n + 1];
        var q = new double[n + 1];
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(stop); Array.Clear(reach);
            double logLikelihood = 0;
            foreach (var row in ml)
            {
                q[0] = uniform;
                int top = 0;
                for (int k = 1; k <= n && !double.IsNaN(row[k]); k++, top++)
                    q[k] = model._lambda[k] * row[k] + (1 - model._lambda[k]) * q[k - 1];
                double p = q[top];
                logLikelihood += Math.Log10(p);
                double prefix = 1;   // Π_{j > k} (1 − λ_j)
                for (int k = top; k >= 1; k--)
                {
                    reach[k] += prefix * q[k] / p;
                    stop[k] += prefix * model._lambda[k] * row[k] / p;
                    prefix *= 1 - model._lambda[k];
                }
            }
            for (int k = 1; k <= n; k++)
                if (reach[k] > 0) model._lambda[k] = Math.Clamp(stop[k] / reach[k], 1e-6, 1 - 1e-6);
            progress?.Report(logLikelihood);
        }
        return model;
    }

    /// <inheritdoc />
    public override double Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return 0;
        var h = Truncate(context);
        double p = 1.0 / PredictedCount;
        Span<double> row = stackalloc double[Order + 1];
        row.Fill(double.NaN);
        MaximumLikelihood(h, word, row);
        for (int k = 1; k <= Order && !double.IsNaN(row[k]); k++)
            p = _lambda[k] * row[k] + (1 - _lambda[k]) * p;   // λ_n P_ML + (1 − λ_n) P_{n−1}
        return p;
    }

    /// <summary>row[n] = c(h_{n−1} w) / c(h_{n−1}•) for n = 1..|h|+1 while the context has occurred.</summary>
    private void MaximumLikelihood(ReadOnlySpan<int> h, int word, Span<double> row)
    {
        row[1] = JointCount(0, 0, word) / (double)Counts.TokenCount;
        for (int k = 1; k <= h.Length; k++)
        {
            int id = ContextId(h[^k..]);
            if (id < 0) return;
            long total = ContextTotal(k, id);
            if (total == 0) return;
            row[k + 1] = JointCount(k, id, word) / (double)total;
        }
    }
}
