using System.Runtime.CompilerServices;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Interpolated (modified) Kneser–Ney exactly as KenLM's <c>lmplz</c> builds it, from a set of counts.</summary>
/// <remarks>
/// Steps (Heafield et al., 2013, "Scalable Modified Kneser-Ney Language Model Estimation"; lmplz source
/// lm/builder/adjust_counts.cc, initial_probabilities.cc, interpolate.cc):
/// <list type="number">
/// <item>Adjusted counts a(·): the raw count for n-grams of the highest order and for n-grams that begin with
/// &lt;s&gt; (they cannot be extended to the left); otherwise the continuation count N1+(• w_1..w_n), the number of
/// distinct words seen before it (&lt;s&gt; included).</item>
/// <item>Discounts per order from the counts-of-counts n_1..n_4 of the adjusted counts (Chen &amp; Goodman 1998,
/// eq. 26): Y = n_1 / (n_1 + 2 n_2), D_j = j − (j+1) Y n_{j+1} / n_j for j = 1, 2, 3 (D3 is used for every count
/// ≥ 3). Plain Kneser–Ney uses the single D = Y for every count. lmplz stops when some n_j (j ≤ 3) is 0 or a
/// discount leaves [0, j], unless a fallback is given (its <c>--discount_fallback</c>, default 0.5 1 1.5).</item>
/// <item>For each context h (n-grams sharing their first n−1 words), with s(h) = Σ_w a(h w):
/// u(w | h) = (a(h w) − D(a(h w))) / s(h) and γ(h) = (D1 N1(h•) + D2 N2(h•) + D3 N3+(h•)) / s(h), where N_j(h•)
/// counts continuations with adjusted count j (3+: at least 3).</item>
/// <item>Interpolation, lowest order first: p(w) = u(w) + γ(ε) / |V| with |V| the vocabulary size including
/// &lt;unk&gt; and &lt;/s&gt; but excluding &lt;s&gt;; p(w | h) = u(w | h) + γ(h) · p(w | h'). The backoff weight of
/// every stored context is b(h) = γ(h).</item>
/// <item>Special words: &lt;unk&gt; never occurs in lmplz's training text, so its adjusted count is 0 and it gets
/// only the uniform share, p(&lt;unk&gt;) = γ(ε) / |V| (lmplz's default <c>--interpolate_unigrams</c>). Here, when a
/// vocabulary threshold maps rare training words to &lt;unk&gt;, &lt;unk&gt; is counted like any word (lmplz cannot
/// do this: it treats a literal &lt;unk&gt; in its input as whitespace). &lt;s&gt; gets stored log10 p = 0 and
/// backoff γ(&lt;s&gt;), as lmplz writes it; it is never predicted.</item>
/// </list>
/// lmplz computes in 32-bit floats; this code computes in doubles and stores floats, so the two agree to about
/// 1e-6 relative (the ARPA files lmplz writes have 7–8 significant digits).
/// </remarks>
internal static class KneserNeyEstimator
{
    private const int Chunks = 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[][] Words, int[]?[] Children, float[][] Prob, float[]?[] Backoff, KneserNeyDiscount[] Discounts)
        Estimate(NGramCounts counts, bool modified, IReadOnlyList<double>? fallback)
    {
        int order = counts.Order;
        var vocabulary = counts.Vocabulary;
        int[][] adjusted = AdjustedCounts(counts);
        var discounts = new KneserNeyDiscount[order];
        for (int n = 1; n <= order; n++) discounts[n - 1] = Discounts(n, adjusted[n - 1], modified, fallback);

        var words = new int[order][];
        var children = new int[]?[order];
        var prob = new float[order][];
        var backoff = new float[]?[order];
        int predicted = vocabulary.Count - 1 - (vocabulary.PaddingId >= 0 ? 1 : 0);

        // Unigrams: one context, the empty one.
        var a1 = adjusted[0];
        var d = discounts[0];
        double s = 0, gammaNumerator = 0;
        for (int w = 0; w < a1.Length; w++)
        {
            s += a1[w];
            gammaNumerator += d.Apply(a1[w]);
        }
        double gamma0 = gammaNumerator / s;                       // γ(ε)
        var lower = new double[a1.Length];
        var p1 = new float[a1.Length];
        for (int w = 0; w < a1.Length; w++)
        {
            lower[w] = (a1[w] - d.Apply(a1[w])) / s + gamma0 / predicted;   // p(w) = u(w) + γ(ε)/|V|
            p1[w] = (float)Math.Log10(lower[w]);
        }
        if (vocabulary.PaddingId >= 0) { p1[vocabulary.PaddingId] = float.NegativeInfinity; lower[vocabulary.PaddingId] = 0; }
        p1[vocabulary.BeginId] = 0;                               // lmplz: "probability 1.0" for <s>
        words[0] = counts.Level(1).Words;
        prob[0] = p1;

        for (int n = 2; n <= order; n++)
        {
            var below = counts.Level(n - 1);
            var level = counts.Level(n);
            var a = adjusted[n - 1];
            d = discounts[n - 1];
            var block = below.Children!;
            var p = n < order ? new double[level.Length] : null;   // the top order needs no linear copy
            var pf = new float[level.Length];
            var bo = new float[below.Length];
            var suffix = level.Suffix;
            double[] lowerP = lower;
            var dn = d;
            // Contexts are independent: split them over the cores (each writes only its own block).
            Parallel.For(0, Chunks, chunk =>
            {
                int hEnd = (int)((long)below.Length * (chunk + 1) / Chunks);
                for (int h = (int)((long)below.Length * chunk / Chunks); h < hEnd; h++)
                {
                    int start = block[h], end = block[h + 1];
                    if (start == end) continue;                  // not a context: b(h) = 1
                    double sum = 0, numerator = 0;
                    for (int g = start; g < end; g++) { sum += a[g]; numerator += dn.Apply(a[g]); }
                    double gamma = numerator / sum;               // γ(h)
                    for (int g = start; g < end; g++)
                    {
                        double pg = (a[g] - dn.Apply(a[g])) / sum + gamma * lowerP[suffix[g]];   // u(w|h) + γ(h) p(w|h')
                        if (p is not null) p[g] = pg;
                        pf[g] = (float)Math.Log10(pg);
                    }
                    bo[h] = (float)Math.Log10(gamma);
                }
            });
            backoff[n - 2] = bo;
            children[n - 2] = block;
            words[n - 1] = level.Words;
            prob[n - 1] = pf;
            lower = p!;
        }
        return (words, children, prob, backoff, discounts);
    }

    /// <summary>a(·) per order: raw counts at the top order and for n-grams starting with &lt;s&gt;, else N1+(• g).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int[][] AdjustedCounts(NGramCounts counts)
    {
        int order = counts.Order;
        var adjusted = new int[order][];
        adjusted[order - 1] = counts.Level(order).Counts;
        for (int n = order - 1; n >= 1; n--)
        {
            var level = counts.Level(n);
            var above = counts.Level(n + 1);
            var a = new int[level.Length];
            foreach (int s in above.Suffix) a[s]++;               // one per distinct left extension
            for (int g = 0; g < a.Length; g++)
                if (level.StartsWithBos[g]) a[g] = level.Counts[g];
            adjusted[n - 1] = a;
        }
        return adjusted;
    }

    private static KneserNeyDiscount Discounts(int n, int[] adjusted, bool modified, IReadOnlyList<double>? fallback)
    {
        var cc = new long[5];
        foreach (int c in adjusted) if (c >= 1 && c <= 4) cc[c]++;
        string? problem = null;
        for (int j = 1; j <= 3 && problem is null; j++)
            if (cc[j] == 0) problem = $"no {n}-grams have adjusted count {j}";
        double y = problem is null ? cc[1] / (cc[1] + 2.0 * cc[2]) : 0;
        var dj = new double[4];
        if (problem is null)
        {
            for (int j = 1; j <= 3; j++)
            {
                dj[j] = modified ? j - (j + 1) * y * cc[j + 1] / cc[j] : y;   // Chen & Goodman eq. 26; KN: D = Y
                if (dj[j] < 0 || dj[j] > j) problem = $"the {n}-gram discount for adjusted count {j} is {dj[j]:G6}, outside [0, {j}]";
            }
        }
        if (problem is null) return new KneserNeyDiscount(n, dj[1], dj[2], dj[3], cc, false);
        if (fallback is null)
            throw new InvalidOperationException($"Could not compute Kneser-Ney discounts: {problem}. Is this small or artificial data? Pass a discount fallback (lmplz uses 0.5, 1, 1.5).");
        return modified
            ? new KneserNeyDiscount(n, fallback[0], fallback[1], fallback[2], cc, true)
            : new KneserNeyDiscount(n, fallback[0], fallback[0], fallback[0], cc, true);
    }
}
