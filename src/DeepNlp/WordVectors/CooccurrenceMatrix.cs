using System.Runtime.InteropServices;

namespace DeepNlp.WordVectors;

/// <summary>A sparse word–context matrix (compressed rows): co-occurrence counts, or a re-weighting of them such as PPMI.</summary>
/// <remarks>
/// Rows and columns are word ids of one vocabulary (the first <see cref="Size"/> words of the corpus vocabulary).
/// Counting uses a symmetric window: every pair of words at distance 1..window inside a sentence adds to X[w, c] and
/// X[c, w], by 1 or, with <c>distanceWeighting</c>, by 1/distance as the GloVe tool's <c>cooccur</c> does.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public sealed class CooccurrenceMatrix
{
    private CooccurrenceMatrix(IReadOnlyList<string> words, int[] rowStarts, int[] columns, float[] values)
    {
        Words = words;
        RowStarts = rowStarts;
        Columns = columns;
        Values = values;
    }

    /// <summary>The words labelling rows and columns.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Number of rows (= columns).</summary>
    public int Size => Words.Count;

    /// <summary>Start of each row in <see cref="Columns"/>/<see cref="Values"/>, length <c>Size + 1</c>.</summary>
    public int[] RowStarts { get; }

    /// <summary>Column of each stored entry, ascending within a row.</summary>
    public int[] Columns { get; }

    /// <summary>Value of each stored entry.</summary>
    public float[] Values { get; }

    /// <summary>Number of stored (non-zero) entries.</summary>
    public int NonZeros => Values.Length;

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), 0 when not stored.</summary>
    public float this[int row, int column]
    {
        get
        {
            int i = Array.BinarySearch(Columns, RowStarts[row], RowStarts[row + 1] - RowStarts[row], column);
            return i >= 0 ? Values[i] : 0f;
        }
    }

    /// <summary>Counts co-occurrences in a corpus.</summary>
    /// <param name="corpus">Sentences as word ids.</param>
    /// <param name="window">Largest distance counted (GloVe's tool uses 15 by default, word2vec 5).</param>
    /// <param name="distanceWeighting">Add 1/distance instead of 1 (as GloVe's <c>cooccur</c>).</param>
    /// <param name="maxWords">Keep only the first this-many (most frequent) words as rows and columns; null keeps all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static CooccurrenceMatrix Count(TrainingCorpus corpus, int window = 5, bool distanceWeighting = false, int? maxWords = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        int n = Math.Min(maxWords ?? int.MaxValue, corpus.Vocabulary.Count);
        var cells = new Dictionary<long, float>();
        int[] ids = corpus.Ids, starts = corpus.SentenceStarts;
        for (int s = 0; s < corpus.SentenceCount; s++)
        {
            for (int p = starts[s]; p < starts[s + 1]; p++)
            {
                int w = ids[p];
                if (w >= n) continue;
                for (int k = 1; k <= window && p - k >= starts[s]; k++)
                {
                    int c = ids[p - k];
                    if (c >= n) continue;
                    float add = distanceWeighting ? 1f / k : 1f;
                    CollectionsMarshal.GetValueRefOrAddDefault(cells, (long)w * n + c, out _) += add;   // X[w,c] += 1/k
                    CollectionsMarshal.GetValueRefOrAddDefault(cells, (long)c * n + w, out _) += add;   // X[c,w] += 1/k
                }
            }
        }
        var keys = cells.Keys.ToArray();
        Array.Sort(keys);
        var rowStarts = new int[n + 1];
        var cols = new int[keys.Length];
        var vals = new float[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            int r = (int)(keys[i] / n);
            cols[i] = (int)(keys[i] % n);
            vals[i] = cells[keys[i]];
            rowStarts[r + 1]++;
        }
        for (int r = 0; r < n; r++) rowStarts[r + 1] += rowStarts[r];
        return new CooccurrenceMatrix(corpus.Vocabulary.Tokens.Take(n).ToArray(), rowStarts, cols, vals);
    }

    /// <summary>Positive pointwise mutual information: max(0, log P(w,c) / (P(w) P_α(c))) for every stored entry.</summary>
    /// <param name="contextAlpha">Context-distribution smoothing α (Levy, Goldberg and Dagan 2015): P_α(c) ∝ count(c)^α. 1 is plain PPMI; 0.75 is their recommendation.</param>
    /// <remarks>Entries that become 0 stay stored, so the sparsity pattern is kept.</remarks>
    public CooccurrenceMatrix Ppmi(double contextAlpha = 1.0)
    {
        var rowSum = new double[Size];
        var colSum = new double[Size];
        double total = 0;
        for (int r = 0; r < Size; r++)
            for (int i = RowStarts[r]; i < RowStarts[r + 1]; i++)
            {
                rowSum[r] += Values[i];
                colSum[Columns[i]] += Values[i];
                total += Values[i];
            }
        double colTotal = colSum.Sum(c => Math.Pow(c, contextAlpha));
        var vals = new float[Values.Length];
        for (int r = 0; r < Size; r++)
            for (int i = RowStarts[r]; i < RowStarts[r + 1]; i++)
            {
                double pmi = Math.Log(Values[i] / total / (rowSum[r] / total * (Math.Pow(colSum[Columns[i]], contextAlpha) / colTotal)));
                vals[i] = (float)Math.Max(0, pmi);                                                  // PPMI = max(0, PMI)
            }
        return new CooccurrenceMatrix(Words, RowStarts, Columns, vals);
    }

    /// <summary>Each row as a dense vector (for small vocabularies: the raw count vectors of the lecture).</summary>
    /// <exception cref="InvalidOperationException">The dense matrix would exceed 50 million values.</exception>
    public WordEmbeddings ToDense()
    {
        if ((long)Size * Size > 50_000_000) throw new InvalidOperationException($"A dense {Size} × {Size} matrix is too large; use TruncatedSvd instead.");
        var m = new float[Size * Size];
        for (int r = 0; r < Size; r++)
            for (int i = RowStarts[r]; i < RowStarts[r + 1]; i++)
                m[r * Size + Columns[i]] = Values[i];
        return new WordEmbeddings(Words, m, Math.Max(Size, 1));
    }

    /// <summary>y = A x for a dense block x <c>[Size, k]</c> (row-major), giving y <c>[Size, k]</c>.</summary>
    internal void Multiply(double[] x, int k, double[] y, bool transpose)
    {
        Array.Clear(y);
        for (int r = 0; r < Size; r++)
            for (int i = RowStarts[r]; i < RowStarts[r + 1]; i++)
            {
                int c = Columns[i];
                double v = Values[i];
                int dst = transpose ? c : r, src = transpose ? r : c;
                for (int j = 0; j < k; j++) y[dst * k + j] += v * x[src * k + j];
            }
    }

    /// <inheritdoc />
    public override string ToString() => $"CooccurrenceMatrix({Size:N0} × {Size:N0}, {NonZeros:N0} non-zeros)";

    /// <summary>An HTML one-liner of the size and density.</summary>
    public string ToHtml() => $"<div><b>CooccurrenceMatrix</b>: {Size:N0} × {Size:N0}, {NonZeros:N0} non-zeros ({(Size == 0 ? 0 : NonZeros / ((double)Size * Size)):P3} dense)</div>";
}
