using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Counts of every n-gram of orders 1..N in an int-encoded corpus with sentence boundaries.</summary>
/// <remarks>
/// Each sentence is read as <c>&lt;s&gt; w1 … wk &lt;/s&gt;</c> with a single &lt;s&gt;, as KenLM's <c>lmplz</c> and
/// SRILM do: an n-gram never reaches back past its sentence's &lt;s&gt;, so the first word of a sentence is
/// predicted from the bigram context "&lt;s&gt;", the second from the trigram context "&lt;s&gt; w1", and so on.
/// &lt;s&gt; is context only: no n-gram ends in it, and its unigram count is 0.
/// <para>Storage is a forward trie of sorted arrays (one <see cref="NGramTable"/> per order, ~16 bytes per n-gram),
/// built by radix-sorting packed 64-bit keys (prefix id, word, position) once per order; see
/// <c>notebooks/03_ngram_language_models.ipynb</c> for the storage-growth chart.</para>
/// </remarks>
public sealed class NGramCounts
{
    internal NGramCounts(Vocabulary vocabulary, NGramTable[] tables, long tokens, int sentences)
    {
        Vocabulary = vocabulary;
        Tables = tables;
        TokenCount = tokens;
        SentenceCount = sentences;
    }

    /// <summary>The vocabulary the ids refer to.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Highest order N.</summary>
    public int Order => Tables.Length;

    /// <summary>Predicted tokens counted: words plus one &lt;/s&gt; per sentence.</summary>
    public long TokenCount { get; }

    /// <summary>Number of sentences counted.</summary>
    public int SentenceCount { get; }

    internal NGramTable[] Tables { get; }

    internal NGramTable Level(int n) => Tables[n - 1];

    /// <summary>Number of distinct n-grams of order <paramref name="n"/> with a non-zero count.</summary>
    public int DistinctCount(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Order);
        return n == 1 ? Tables[0].Counts.Count(c => c > 0) : Tables[n - 1].Length;
    }

    /// <summary>Bytes held by the count tables (arrays only).</summary>
    public long MemoryBytes => Tables.Sum(t => t.Bytes);

    /// <summary>The counts of orders 1..<paramref name="order"/> only, sharing the tables (no copy): models of every order from one count.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is not in 1..<see cref="Order"/>.</exception>
    public NGramCounts WithOrder(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, Order);
        return order == Order ? this : new NGramCounts(Vocabulary, Tables[..order], TokenCount, SentenceCount);
    }

    /// <summary>Raw count of an n-gram given as ids (1 ≤ length ≤ N); 0 when unseen.</summary>
    public long Count(ReadOnlySpan<int> ngram)
    {
        int id = Find(ngram);
        return id < 0 ? 0 : Tables[ngram.Length - 1].Counts[id];
    }

    /// <summary>Raw count of an n-gram given as tokens (mapped through the vocabulary, unknown tokens as &lt;unk&gt;).</summary>
    public long Count(params string[] ngram) => Count(Vocabulary.Encode(ngram));

    /// <summary>Counts of counts n_r: how many distinct n-grams of order <paramref name="n"/> occur exactly r times, for r = 0..<paramref name="maxCount"/> (index r; n_0 left 0).</summary>
    public long[] CountsOfCounts(int n, int maxCount = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Order);
        var result = new long[maxCount + 1];
        foreach (int c in Tables[n - 1].Counts)
            if (c > 0 && c <= maxCount) result[c]++;
        return result;
    }

    /// <summary>Every n-gram of order <paramref name="n"/> with its count, in trie order (for inspection; allocates per item).</summary>
    public IEnumerable<NGramCount> Enumerate(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Order);
        var ids = new int[n];
        foreach (var item in Walk(0, ids, 0, n)) yield return item;
    }

    private IEnumerable<NGramCount> Walk(int level, int[] ids, int id, int n)
    {
        var table = Tables[level];
        if (level == 0)
        {
            for (int w = 0; w < table.Length; w++)
            {
                ids[0] = w;
                if (n == 1) { if (table.Counts[w] > 0) yield return new NGramCount(Vocabulary.Decode(ids), table.Counts[w]); }
                else foreach (var x in Walk(1, ids, w, n)) yield return x;
            }
            yield break;
        }
        var below = Tables[level - 1];
        for (int g = below.Children![id]; g < below.Children[id + 1]; g++)
        {
            ids[level] = table.Words[g];
            if (level == n - 1) yield return new NGramCount(Vocabulary.Decode(ids), table.Counts[g]);
            else foreach (var x in Walk(level + 1, ids, g, n)) yield return x;
        }
    }

    /// <summary>Trie id of an n-gram at order <c>ngram.Length</c>, or -1.</summary>
    internal int Find(ReadOnlySpan<int> ngram)
    {
        if (ngram.Length == 0 || ngram.Length > Order) return -1;
        int id = ngram[0];
        if ((uint)id >= (uint)Tables[0].Length) return -1;
        for (int k = 1; k < ngram.Length && id >= 0; k++)
            id = Tables[k - 1].FindChild(Tables[k], id, ngram[k]);
        return id;
    }

    /// <summary>Counts n-grams of orders 1..<paramref name="order"/>.</summary>
    /// <param name="sentences">Sentences as vocabulary ids, without &lt;s&gt;/&lt;/s&gt; (they are added here).</param>
    /// <param name="vocabulary">The vocabulary; it must contain &lt;s&gt; and &lt;/s&gt;.</param>
    /// <param name="order">Highest order N (1..16).</param>
    /// <exception cref="ArgumentException">The vocabulary lacks &lt;s&gt; or &lt;/s&gt;, or a sentence holds an id outside it or a boundary id.</exception>
    public static NGramCounts Build(IEnumerable<int[]> sentences, Vocabulary vocabulary, int order)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        return NGramCounter.Count(sentences as IReadOnlyList<int[]> ?? sentences.ToList(), vocabulary, order);
    }

    /// <summary>Counts n-grams of orders 1..<paramref name="order"/> in a file of words separated by spaces, one
    /// sentence per line (the text KenLM's <c>lmplz</c> reads), with a vocabulary built from the file.</summary>
    /// <param name="path">UTF-8 text; blank lines are skipped.</param>
    /// <param name="order">Highest order N (1..16).</param>
    /// <param name="minCount">Words seen fewer times become &lt;unk&gt;.</param>
    /// <remarks>The same counts as <see cref="NGramText.ReadTokenFile"/> and then
    /// <see cref="Build(IEnumerable{int[]}, Vocabulary, int)"/>, in less time and memory: the file's bytes and the
    /// flattened corpus live in native memory that is freed on return, no id array per sentence is made, and reading,
    /// encoding and counting run on every core.</remarks>
    /// <exception cref="FormatException">The file is not valid UTF-8 (the message names the file and line), or it
    /// holds a sentence boundary token as a word.</exception>
    public static NGramCounts FromTokenFile(string path, int order, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var (vocabulary, corpus) = Utf8CorpusReader.ReadFile(path, minCount);
        using (corpus)
        {
            if (vocabulary.Frequency(vocabulary.BeginId) > 0 || vocabulary.Frequency(vocabulary.EndId) > 0)
                throw new FormatException($"{path}: the text holds the word {SpecialTokens.BeginSentence} or {SpecialTokens.EndSentence}; each line is one sentence, and the counter adds its boundaries.");
            return NGramCounter.Count(corpus, vocabulary, order);
        }
    }

    /// <summary>For each order 1..N, how many n-grams of held-out sentences (with the same boundaries) never occurred in training.</summary>
    /// <param name="heldOut">Sentences as ids, without boundaries.</param>
    public IReadOnlyList<SparsityPoint> Sparsity(IEnumerable<int[]> heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var total = new long[Order + 1];
        var unseen = new long[Order + 1];
        foreach (var s in heldOut)
        {
            var p = new int[s.Length + 2];
            p[0] = Vocabulary.BeginId;
            s.CopyTo(p, 1);
            p[^1] = Vocabulary.EndId;
            for (int end = 1; end < p.Length; end++)
                for (int n = 1; n <= Order && end - n + 1 >= 0; n++)
                {
                    total[n]++;
                    if (Find(p.AsSpan(end - n + 1, n)) is var id && (id < 0 || Tables[n - 1].Counts[id] == 0)) unseen[n]++;
                }
        }
        return Enumerable.Range(1, Order).Select(n => new SparsityPoint(n, total[n], unseen[n])).ToList();
    }

    /// <summary>Tokenised sentences → ids → counts, in one call.</summary>
    public static NGramCounts Build(IEnumerable<string[]> sentences, Vocabulary vocabulary, int order) =>
        Build(sentences.Select(s => vocabulary.Encode(s)).ToList(), vocabulary, order);

    /// <inheritdoc />
    public override string ToString() =>
        $"NGramCounts(order {Order}, {SentenceCount:N0} sentences, {TokenCount:N0} tokens, distinct: {string.Join(" / ", Enumerable.Range(1, Order).Select(n => DistinctCount(n).ToString("N0")))})";
}
