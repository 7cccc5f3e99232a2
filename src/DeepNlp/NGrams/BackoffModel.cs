using System.Runtime.CompilerServices;
using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>An n-gram model in backoff (ARPA) form: a log10 probability per stored n-gram and a log10 backoff weight per context.</summary>
/// <remarks>
/// Query (as KenLM and SRILM do): find the longest stored n-gram "h_k … w" ending in w; then
/// log10 P(w | h) = log10 p(h_k … w) + Σ log10 b(c) over the stored contexts c longer than h_k (suffixes of h).
/// Contexts that were never stored have weight 1. Interpolated models (Kneser–Ney) are stored this way too:
/// p already holds the interpolated probability and b the interpolation weight γ, so the two forms agree exactly.
/// <para>&lt;s&gt; is context only: <see cref="NGramModel.Probability(ReadOnlySpan{int}, int)"/> gives it 0. Its unigram
/// entry stores log10 p = 0, as lmplz writes it ("probability 1, so scoring &lt;s&gt; explicitly costs nothing");
/// SRILM writes −99 instead, and <see cref="ArpaFile.Read(string, Vocabulary?)"/> accepts both.</para>
/// <para>Storage: a forward trie of sorted arrays (word id, float log-probability, float backoff, child offsets);
/// about 12–16 bytes per n-gram.</para>
/// </remarks>
public class BackoffModel : NGramModel
{
    private protected readonly int[][] _words;      // [level][entry] last word; level 0 is indexed by word id
    private protected readonly int[]?[] _children;  // [level][entry..entry+1] block in level+1; null at the top
    private protected readonly float[][] _prob;     // log10 p
    private protected readonly float[]?[] _backoff; // log10 b; null at the top

    private protected BackoffModel(Vocabulary vocabulary, int[][] words, int[]?[] children, float[][] prob, float[]?[] backoff, string name)
        : base(vocabulary, words.Length)
    {
        _words = words;
        _children = children;
        _prob = prob;
        _backoff = backoff;
        Name = name;
    }

    private protected BackoffModel(BackoffModel other) : this(other.Vocabulary, other._words, other._children, other._prob, other._backoff, other.Name) { }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Number of stored n-grams of order <paramref name="n"/> (unigrams: every vocabulary entry except &lt;pad&gt;).</summary>
    public long NGramCount(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Order);
        return n == 1 ? Vocabulary.Count - (Vocabulary.PaddingId >= 0 ? 1 : 0) : _words[n - 1].Length;
    }

    /// <summary>Bytes held by the model's arrays.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            for (int k = 0; k < Order; k++)
                bytes += 8L * _words[k].Length + 4L * (_children[k]?.Length ?? 0) + 4L * (_backoff[k]?.Length ?? 0);
            return bytes;
        }
    }

    /// <inheritdoc />
    public override double Probability(ReadOnlySpan<int> context, int word) => Math.Pow(10, Log10Probability(context, word));

    /// <inheritdoc />
    public override double Log10Probability(ReadOnlySpan<int> context, int word)
    {
        if (!IsPredicted(word)) return double.NegativeInfinity;
        var h = Truncate(context);
        double backoffs = 0;
        for (int k = h.Length; k >= 1; k--)
        {
            int ctx = Find(h[^k..]);
            if (ctx < 0) continue;   // unknown context: weight 1
            int g = FindChild(k, ctx, word);
            if (g >= 0) return _prob[k][g] + backoffs;
            backoffs += _backoff[k - 1]![ctx];
        }
        return _prob[0][word] + backoffs;
    }

    /// <inheritdoc />
    public override void Distribution(ReadOnlySpan<int> context, Span<double> destination)
    {
        CheckDestination(destination);
        var h = Truncate(context);
        Span<int> ids = stackalloc int[h.Length + 1];
        int m = 0;   // longest stored context suffix
        for (int k = 1; k <= h.Length; k++)
        {
            ids[k] = Find(h[^k..]);
            if (ids[k] < 0) break;
            m = k;
        }
        Span<double> longer = stackalloc double[m + 1];   // Σ log10 b over stored contexts longer than k
        longer[m] = 0;
        for (int k = m - 1; k >= 0; k--) longer[k] = longer[k + 1] + _backoff[k]![ids[k + 1]];
        for (int w = 0; w < Vocabulary.Count; w++) destination[w] = Math.Pow(10, _prob[0][w] + longer[0]);
        for (int k = 1; k <= m; k++)
        {
            var block = _children[k - 1]!;
            for (int g = block[ids[k]]; g < block[ids[k] + 1]; g++)
                destination[_words[k][g]] = Math.Pow(10, _prob[k][g] + longer[k]);
        }
        for (int w = 0; w < Vocabulary.Count; w++) if (!IsPredicted(w)) destination[w] = 0;
    }

    /// <summary>Scores a sentence left to right, carrying the matched context ids from word to word (KenLM's "state").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ScoreSentence(ReadOnlySpan<int> sentence, Span<double> destination)
    {
        if (destination.Length < sentence.Length + 1) throw new ArgumentException("One slot per word plus one for </s> is needed.", nameof(destination));
        Span<int> state = stackalloc int[Order + 1];   // state[k]: id of the stored k-gram ending at the previous token
        Span<int> found = stackalloc int[Order + 1];
        int length = 1;
        state[1] = Vocabulary.BeginId;
        for (int t = 0; t <= sentence.Length; t++)
        {
            int w = t < sentence.Length ? sentence[t] : Vocabulary.EndId;
            if (!IsPredicted(w)) { destination[t] = double.NegativeInfinity; length = 0; continue; }
            found[1] = w;
            int m = 1;
            int limit = Math.Min(length, Order - 1);
            for (int k = 1; k <= limit; k++)
            {
                int g = FindChild(k, state[k], w);
                if (g < 0) break;
                found[k + 1] = g;
                m = k + 1;
            }
            double logp = _prob[m - 1][found[m]];
            for (int k = m; k <= limit; k++) logp += _backoff[k - 1]![state[k]];
            destination[t] = logp;
            length = Math.Min(m, Order - 1);
            for (int k = 1; k <= length; k++) state[k] = found[k];
        }
    }

    /// <summary>Trie id of a stored n-gram (length ≥ 1), or -1.</summary>
    private protected int Find(ReadOnlySpan<int> ngram)
    {
        if (ngram.Length > Order) return -1;
        int id = ngram[0];
        if ((uint)id >= (uint)_words[0].Length || float.IsNegativeInfinity(_prob[0][id])) return -1;
        for (int k = 1; k < ngram.Length && id >= 0; k++) id = FindChild(k, id, ngram[k]);
        return id;
    }

    /// <summary>Id in level k (order k+1) of the continuation of context <paramref name="ctx"/> (order k) by <paramref name="word"/>; -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected int FindChild(int k, int ctx, int word)
    {
        var block = _children[k - 1];
        return block is null ? -1 : NGramTable.FindInBlock(_words[k], block[ctx], block[ctx + 1], word);
    }

    /// <summary>The stored log10 probability and backoff of an n-gram (backoff 0 at the top order); false when not stored.</summary>
    internal bool TryGetEntry(ReadOnlySpan<int> ngram, out float log10Probability, out float log10Backoff)
    {
        log10Probability = log10Backoff = 0;
        if (ngram.Length == 0) return false;
        int id = Find(ngram);
        if (id < 0) return false;
        log10Probability = _prob[ngram.Length - 1][id];
        log10Backoff = _backoff[ngram.Length - 1]?[id] ?? 0;
        return true;
    }

    internal int[][] Words => _words;
    internal int[]?[] Children => _children;
    internal float[][] Log10Probs => _prob;
    internal float[]?[] Log10Backoffs => _backoff;
}
