using System.Text;

namespace DeepNlp.Evaluation;

/// <summary>chrF (Popović 2015): an F-score over character n-grams, exactly as sacrebleu 2.x's default <c>CHRF()</c>
/// computes its corpus score.</summary>
/// <remarks>
/// <para>The variant is sacrebleu 2.x's <c>CHRF(char_order=6, word_order=0, beta=2, lowercase=False, whitespace=False,
/// eps_smoothing=False)</c> with one reference per hypothesis: chrF, not chrF++ (no word n-grams); β = 2 (recall weighs
/// twice precision); case kept.</para>
/// <para>Definition. Each line is first stripped of whitespace as Python's <c>''.join(line.split())</c> does (every
/// character for which <c>str.isspace()</c> holds, which is .NET's whitespace plus U+001C..U+001F). N-grams are runs of
/// n Unicode code points (Python indexes strings by code point, so a character outside the BMP counts once, not as two
/// UTF-16 units). For sentence s and order n = 1..6 the statistics are: reference n-grams r_{s,n}; matches
/// m_{s,n} = Σ_g min(count_hyp(g), count_ref(g)); hypothesis n-grams h_{s,n}, <b>set to 0 when the reference has no
/// n-gram of that order</b> (sacrebleu's <c>hyp_count if ref_ngrams else 0</c>, so a reference too short for order n
/// does not lower the corpus precision of order n). The corpus statistics are the sums H_n = Σ_s h_{s,n},
/// R_n = Σ_s r_{s,n}, M_n = Σ_s m_{s,n}.</para>
/// <para>Orders with H_n &gt; 0 and R_n &gt; 0 are "effective" (sacrebleu &lt; 2.0's effective-order rule, which 2.x keeps
/// when <c>eps_smoothing=False</c>). P = mean over effective orders of M_n / H_n, R = mean of M_n / R_n; with no
/// effective order P = R = 0. chrF = 100 · (1 + β²) P R / (β² P + R), and 0 when P + R = 0.</para>
/// <para>No sacrebleu fixture backs this: sacrebleu is not installable where this was written (no network, not in
/// Debian). The definition was read from sacrebleu's <c>metrics/chrf.py</c>, and the tests check hand-computed cases of
/// it, including each of the rules above.</para>
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
            var hyp = CodePointsWithoutWhitespace(hypotheses[s]);
            var reference = CodePointsWithoutWhitespace(references[s]);
            for (int n = 1; n <= charOrder; n++)
            {
                var h = NGrams(hyp, n);
                var r = NGrams(reference, n);
                long refCount = r.Values.Sum();
                // sacrebleu counts a sentence's hypothesis n-grams only when its reference has n-grams of that order.
                if (refCount > 0) hypN[n - 1] += h.Values.Sum();
                refN[n - 1] += refCount;
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

    /// <summary>The line's code points with Python's <c>str.split()</c> whitespace removed.</summary>
    private static int[] CodePointsWithoutWhitespace(string s)
    {
        var points = new List<int>(s.Length);
        foreach (var rune in s.EnumerateRunes())
            if (!IsPythonWhitespace(rune)) points.Add(rune.Value);
        return [.. points];
    }

    /// <summary>Python's <c>str.isspace()</c>: .NET's whitespace plus the information separators U+001C..U+001F.</summary>
    private static bool IsPythonWhitespace(Rune r) => Rune.IsWhiteSpace(r) || r.Value is >= 0x1C and <= 0x1F;

    private static Dictionary<string, long> NGrams(int[] points, int n)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        for (int i = 0; i + n <= points.Length; i++)
        {
            sb.Clear();
            for (int j = i; j < i + n; j++) sb.Append(char.ConvertFromUtf32(points[j]));
            var g = sb.ToString();
            counts[g] = counts.GetValueOrDefault(g) + 1;
        }
        return counts;
    }
}
