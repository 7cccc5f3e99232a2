namespace DeepNlp.Evaluation;

/// <summary>Corpus-level BLEU (Papineni et al. 2002) exactly as NLTK 3.8's <c>nltk.translate.bleu_score.corpus_bleu</c>.</summary>
/// <remarks>
/// <para>Per order n: p_n = Σ clipped matches / Σ hypothesis n-grams over the whole corpus (micro-average, not the mean
/// of sentence scores); a sentence's count of a hypothesis n-gram is clipped at its largest count in any one reference;
/// each sentence contributes at least 1 to the denominator (NLTK's <c>max(1, …)</c>).</para>
/// <para>Brevity penalty: r = Σ over sentences of the reference length closest to the hypothesis length (ties: the
/// shorter), c = Σ hypothesis lengths; BP = 1 if c &gt; r, 0 if c = 0, else exp(1 − r/c).</para>
/// <para>BLEU = BP · exp(Σ w_n log p_n) with w = (¼, ¼, ¼, ¼) by default, and 0 when no unigram matches. Orders with
/// p_n = 0 follow <see cref="BleuSmoothing"/>. Test: tests/DeepNlp.Tests/fixtures/bleu/make.py runs NLTK.</para>
/// </remarks>
public static class Bleu
{
    /// <summary>Python's <c>sys.float_info.min</c>, what NLTK's method0 puts in place of a zero precision.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Corpus BLEU of tokenised hypotheses against one or more tokenised references each.</summary>
    /// <param name="references">For each hypothesis, its references (each a token list).</param>
    /// <param name="hypotheses">The system outputs, one token list each.</param>
    /// <param name="weights">Weights of the n-gram orders 1..N; default (0.25, 0.25, 0.25, 0.25).</param>
    /// <param name="smoothing">What a zero precision becomes; default none (NLTK's method0).</param>
    /// <param name="epsilon">ε of <see cref="BleuSmoothing.Method1"/> (NLTK's default 0.1).</param>
    /// <exception cref="ArgumentException">The counts differ, a hypothesis has no reference, or no weights are given.</exception>
    public static BleuResult Corpus(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> references, IReadOnlyList<IReadOnlyList<string>> hypotheses,
        IReadOnlyList<double>? weights = null, BleuSmoothing smoothing = BleuSmoothing.None, double epsilon = 0.1)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        weights ??= [0.25, 0.25, 0.25, 0.25];
        if (weights.Count == 0) throw new ArgumentException("At least one n-gram weight is needed.", nameof(weights));
        if (references.Count != hypotheses.Count)
            throw new ArgumentException($"{references.Count} reference sets but {hypotheses.Count} hypotheses.", nameof(hypotheses));
        int N = weights.Count;
        var matches = new long[N];
        var totals = new long[N];
        long c = 0, r = 0;
        for (int s = 0; s < hypotheses.Count; s++)
        {
            var hyp = hypotheses[s];
            var refs = references[s];
            if (refs.Count == 0) throw new ArgumentException($"Hypothesis {s} has no reference.", nameof(references));
            for (int n = 1; n <= N; n++)
            {
                var (match, total) = ModifiedPrecision(refs, hyp, n);
                matches[n - 1] += match;
                totals[n - 1] += total;
            }
            c += hyp.Count;
            r += ClosestReferenceLength(refs, hyp.Count);
        }
        double bp = c > r ? 1 : c == 0 ? 0 : Math.Exp(1 - (double)r / c);
        if (matches[0] == 0) return new BleuResult(0, matches, totals, c, r, bp);

        double sum = 0;
        for (int n = 0; n < N; n++)
        {
            double p = matches[n] != 0 ? (double)matches[n] / totals[n]
                : smoothing == BleuSmoothing.Method1 ? (0 + epsilon) / totals[n]
                : SmallestNormal;
            if (p > 0) sum += weights[n] * Math.Log(p);
        }
        return new BleuResult(bp * Math.Exp(sum), matches, totals, c, r, bp);
    }

    /// <summary>Corpus BLEU of sentences with one reference each, tokenised by splitting on whitespace.</summary>
    /// <param name="references">One reference sentence per hypothesis.</param>
    /// <param name="hypotheses">System outputs.</param>
    /// <param name="smoothing">What a zero precision becomes; default none.</param>
    public static BleuResult Corpus(IReadOnlyList<string> references, IReadOnlyList<string> hypotheses, BleuSmoothing smoothing = BleuSmoothing.None)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        static IReadOnlyList<string> Words(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Corpus([.. references.Select(x => (IReadOnlyList<IReadOnlyList<string>>)[Words(x)])], [.. hypotheses.Select(Words)], smoothing: smoothing);
    }

    /// <summary>Clipped n-gram matches and max(1, hypothesis n-grams) of one sentence (NLTK's <c>modified_precision</c>).</summary>
    public static (long Matches, long Total) ModifiedPrecision(IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string> hypothesis, int n)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var counts = NGrams(hypothesis, n);
        var maxRef = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var reference in references)
            foreach (var (g, k) in NGrams(reference, n))
                if (counts.ContainsKey(g) && k > maxRef.GetValueOrDefault(g)) maxRef[g] = k;
        long matched = 0, total = 0;
        foreach (var (g, k) in counts)
        {
            matched += Math.Min(k, maxRef.GetValueOrDefault(g));
            total += k;
        }
        return (matched, Math.Max(1, total));
    }

    /// <summary>The reference length closest to <paramref name="hypothesisLength"/>; ties go to the shorter.</summary>
    public static int ClosestReferenceLength(IReadOnlyList<IReadOnlyList<string>> references, int hypothesisLength)
    {
        ArgumentNullException.ThrowIfNull(references);
        int best = -1;
        foreach (var reference in references)
        {
            int len = reference.Count, d = Math.Abs(len - hypothesisLength);
            if (best < 0 || d < Math.Abs(best - hypothesisLength) || d == Math.Abs(best - hypothesisLength) && len < best) best = len;
        }
        return best;
    }

    private static Dictionary<string, long> NGrams(IReadOnlyList<string> tokens, int n)
    {
        // Tokens joined with U+0001, a separator no tokenizer of the kit emits, so distinct n-grams get distinct keys.
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            string key = n == 1 ? tokens[i] : string.Join('\u0001', Enumerable.Range(i, n).Select(j => tokens[j]));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }
}
