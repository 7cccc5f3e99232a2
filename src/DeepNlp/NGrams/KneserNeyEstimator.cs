using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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

    /// <param name="counts">The counts; not modified.</param>
    /// <param name="modified">Three discounts per order (modified KN) or one (plain KN).</param>
    /// <param name="fallback">Discounts for an order whose counts-of-counts cannot give them; null to throw.</param>
    /// <param name="workers">Threads for the parallel loops; 0 for one per core. The result does not depend on it.</param>
    /// <remarks>The counts and the model are alive together here; what comes on top of them is kept small and
    /// short-lived: each order's adjusted counts exist only while that order is estimated, and the linear
    /// probabilities p(w|h) only while the order above needs them, both in native memory freed at once. So the
    /// discounts, too, are computed order by order, lowest first; the first order that cannot give them throws as
    /// before, only later.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe (int[][] Words, int[]?[] Children, float[][] Prob, float[]?[] Backoff, KneserNeyDiscount[] Discounts)
        Estimate(NGramCounts counts, bool modified, IReadOnlyList<double>? fallback, int workers = 0)
    {
        int order = counts.Order;
        var vocabulary = counts.Vocabulary;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers > 0 ? workers : -1 };
        var discounts = new KneserNeyDiscount[order];

        var words = new int[order][];
        var children = new int[]?[order];
        var prob = new float[order][];
        var backoff = new float[]?[order];
        int predicted = vocabulary.Count - 1 - (vocabulary.PaddingId >= 0 ? 1 : 0);

        // Unigrams: one context, the empty one.
        int v = counts.Level(1).Length;
        var lower = new NativeBuffer<double>(v);
        try
        {
            using (var adjusted1 = order > 1 ? AdjustedCounts(counts, 1, options) : null)
            fixed (int* top1 = order == 1 ? counts.Level(1).Counts : null)
            {
                var a1 = adjusted1 is not null ? adjusted1.Span : new Span<int>(top1, v);
                var d = discounts[0] = Discounts(1, a1, modified, fallback);
                double s = 0, gammaNumerator = 0;
                for (int w = 0; w < a1.Length; w++)
                {
                    s += a1[w];
                    gammaNumerator += d.Apply(a1[w]);
                }
                double gamma0 = gammaNumerator / s;                       // γ(ε)
                var p1 = new float[v];
                var l1 = lower.Span;
                for (int w = 0; w < v; w++)
                {
                    l1[w] = (a1[w] - d.Apply(a1[w])) / s + gamma0 / predicted;   // p(w) = u(w) + γ(ε)/|V|
                    p1[w] = (float)Math.Log10(l1[w]);
                }
                if (vocabulary.PaddingId >= 0) { p1[vocabulary.PaddingId] = float.NegativeInfinity; l1[vocabulary.PaddingId] = 0; }
                p1[vocabulary.BeginId] = 0;                               // lmplz: "probability 1.0" for <s>
                words[0] = counts.Level(1).Words;
                prob[0] = p1;
            }

            for (int n = 2; n <= order; n++)
            {
                var below = counts.Level(n - 1);
                var level = counts.Level(n);
                // a(·) of the top order are its raw counts, read in place (pinned).
                using var adjusted = n < order ? AdjustedCounts(counts, n, options) : null;
                var pin = adjusted is null ? GCHandle.Alloc(level.Counts, GCHandleType.Pinned) : default;
                try
                {
                    nint aAddress = adjusted is null ? pin.AddrOfPinnedObject() : (nint)adjusted.Pointer;
                    var dn = discounts[n - 1] = Discounts(n, new ReadOnlySpan<int>((int*)aAddress, level.Length), modified, fallback);
                    var block = below.Children!;
                    var linear = n < order ? new NativeBuffer<double>(level.Length) : null;   // the top order needs no linear copy
                    var pf = new float[level.Length];
                    var bo = new float[below.Length];
                    var suffix = level.Suffix;
                    // Contexts are independent: split them over the cores (each writes only its own block).
                    double* pl = lower.Pointer, p = linear is null ? null : linear.Pointer;
                    Parallel.For(0, Chunks, options, chunk => EstimateContexts(
                        (int)((long)below.Length * chunk / Chunks), (int)((long)below.Length * (chunk + 1) / Chunks),
                        block, (int*)aAddress, dn, suffix, pl, p, pf, bo));
                    backoff[n - 2] = bo;
                    children[n - 2] = block;
                    words[n - 1] = level.Words;
                    prob[n - 1] = pf;
                    lower.Dispose();
                    lower = linear!;
                }
                finally
                {
                    if (pin.IsAllocated) pin.Free();
                }
            }
        }
        finally
        {
            lower?.Dispose();
        }
        return (words, children, prob, backoff, discounts);
    }

    /// <summary>Estimates the n-grams continuing contexts [<paramref name="hFrom"/>, <paramref name="hTo"/>) of the
    /// order below: p(w|h) into <paramref name="pf"/> (log10) and <paramref name="p"/> (linear, when the order above
    /// needs it), γ(h) into <paramref name="bo"/> (log10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void EstimateContexts(int hFrom, int hTo, int[] block, int* a, KneserNeyDiscount d, int[] suffix,
        double* lower, double* p, float[] pf, float[] bo)
    {
        int gEnd = block[hTo];
        for (int h = hFrom; h < hTo; h++)
        {
            int start = block[h], end = block[h + 1];
            if (start == end) continue;                  // not a context: b(h) = 1
            double sum = 0, numerator = 0;
            for (int g = start; g < end; g++) { sum += a[g]; numerator += d.Apply(a[g]); }
            double gamma = numerator / sum;               // γ(h)
            for (int g = start; g < end; g++)
            {
                // p(w|h') sits at a random place of the level below: ask for it a few entries ahead.
                if (Sse.IsSupported && g + Ahead < gEnd) Sse.Prefetch0(lower + suffix[g + Ahead]);
                double pg = (a[g] - d.Apply(a[g])) / sum + gamma * lower[suffix[g]];   // u(w|h) + γ(h) p(w|h')
                if (p != null) p[g] = pg;
                pf[g] = (float)Math.Log10(pg);
            }
            bo[h] = (float)Math.Log10(gamma);
        }
    }

    /// <summary>How far ahead the loops over a level ask for the random entry they will read.</summary>
    private const int Ahead = 16;

    /// <summary>a(·) of order <paramref name="n"/> below the top (whose a(·) are its raw counts): the raw counts for
    /// n-grams starting with &lt;s&gt;, else N1+(• g), one per distinct left extension in the order above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe NativeBuffer<int> AdjustedCounts(NGramCounts counts, int n, ParallelOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, counts.Order);
        var level = counts.Level(n);
        var a = new NativeBuffer<int>(level.Length, zero: true);
        var above = counts.Level(n + 1).Suffix;
        int chunks = above.Length < (1 << 16) ? 1 : Chunks;
        int* to = a.Pointer;
        Parallel.For(0, chunks, options, c =>
            CountLeftExtensions(above, (int)((long)above.Length * c / chunks), (int)((long)above.Length * (c + 1) / chunks), to, atomic: chunks > 1));
        var bos = level.StartsWithBos;
        var raw = level.Counts;
        var span = a.Span;
        for (int g = 0; g < span.Length; g++)
            if (bos[g]) span[g] = raw[g];
        return a;
    }

    /// <summary>a[s]++ for each suffix id s in <paramref name="suffix"/>[<paramref name="from"/>..<paramref name="to"/>):
    /// one per distinct left extension; <paramref name="atomic"/> when other chunks count into the same array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountLeftExtensions(int[] suffix, int from, int to, int* a, bool atomic)
    {
        for (int i = from; i < to; i++)
        {
            // a[s] sits at a random place: ask for it a few entries ahead.
            if (Sse.IsSupported && i + Ahead < to) Sse.Prefetch0(a + suffix[i + Ahead]);
            if (atomic) Interlocked.Increment(ref a[suffix[i]]);
            else a[suffix[i]]++;
        }
    }

    private static KneserNeyDiscount Discounts(int n, ReadOnlySpan<int> adjusted, bool modified, IReadOnlyList<double>? fallback)
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
