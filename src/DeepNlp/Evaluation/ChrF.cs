namespace DeepNlp.Evaluation;

/// <summary>chrF (Popović 2015): an F-score over character n-grams, as sacrebleu 2.x's default <c>CHRF()</c> computes it.</summary>
/// <remarks>
/// <para>The variant: character n-grams of orders 1..6, no word n-grams (chrF, not chrF++), β = 2 (recall weighs twice
/// precision), whitespace removed before n-grams are taken, one reference per hypothesis.</para>
/// <para>For each order n the corpus statistics are summed over sentences: hypothesis n-grams H_n, reference n-grams
/// R_n, matches M_n = Σ min(count in hyp, count in ref). Precision P_n = M_n / H_n, recall R'_n = M_n / R_n. Orders where
/// both H_n and R_n are positive are "effective"; P and R are the means of P_n and R'_n over them (sacrebleu's default,
/// <c>eps_smoothing=False</c>). chrF = 100 · (1 + β²) P R / (β² P + R), 0 when P + R = 0 or no order is effective.</para>
/// <para>sacrebleu was not installed where this was written; the tests check hand-computed cases of this definition.</para>
/// </remarks>
public static class ChrF
{
    /// <summary>Corpus chrF of hypotheses against one reference each.</summary>
    /// <param name="references">One reference per hypothesis.</param>
    /// <param name="hypotheses">System outputs.</param>
    /// <param name="charOrder">Largest character n-gram order (6).</param>
    /// <param name="beta">Recall weight β (2).</param>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static ChrFResult Corpus(IReadOnlyList<string> references, IReadOnlyList<string> hypotheses, int charOrder = 6, double beta = 2)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentOutOfRangeException.ThrowIfLessThan(charOrder, 1);
        if (references.Count != hypotheses.Count)
            throw new ArgumentException($"{references.Count} references but {hypotheses.Count} hypotheses.", nameof(hypotheses));
        var hypN = new long[charOrder];
        var refN = new long[charOrder];
        var match = new long[charOrder];
        for (int s = 0; s < hypotheses.Count; s++)
        {
            string hyp = StripWhitespace(hypotheses[s]), reference = StripWhitespace(references[s]);
            for (int n = 1; n <= charOrder; n++)
            {
                var h = CharNGrams(hyp, n);
                var r = CharNGrams(reference, n);
                hypN[n - 1] += h.Values.Sum();
                refN[n - 1] += r.Values.Sum();
                foreach (var (g, k) in h) match[n - 1] += Math.Min(k, r.GetValueOrDefault(g));
            }
        }
        double precision = 0, recall = 0;
        int effective = 0;
        for (int n = 0; n < charOrder; n++)
        {
            if (hypN[n] == 0 || refN[n] == 0) continue;
            precision += (double)match[n] / hypN[n];
            recall += (double)match[n] / refN[n];
            effective++;
        }
        if (effective == 0) return new ChrFResult(0, 0, 0, 0);
        precision /= effective;
        recall /= effective;
        double b2 = beta * beta;
        double score = precision + recall > 0 ? 100 * (1 + b2) * precision * recall / (b2 * precision + recall) : 0;
        return new ChrFResult(score, precision, recall, effective);
    }

    /// <summary>The text with every whitespace character removed, as sacrebleu's <c>''.join(line.split())</c>.</summary>
    private static string StripWhitespace(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static Dictionary<string, long> CharNGrams(string s, int n)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i + n <= s.Length; i++)
        {
            var g = s.Substring(i, n);
            counts[g] = counts.GetValueOrDefault(g) + 1;
        }
        return counts;
    }
}
