using System.Numerics.Tensors;
using System.Text;

namespace DeepNlp.WordVectors;

/// <summary>A set of word vectors: one row per word in a row-major matrix, with lookup, cosine neighbours and subsets.</summary>
/// <remarks>
/// Rows keep the order given (for trained models: descending corpus frequency, as the word2vec tool writes them), so
/// "the N most frequent words" is the first N rows. Cosine scores use unit-length copies made on first use.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public sealed class WordEmbeddings
{
    private readonly string[] _words;
    private readonly float[] _vectors;
    private readonly Dictionary<string, int> _ids;
    private float[]? _unit;

    /// <summary>Creates an embedding set from words and their vectors.</summary>
    /// <param name="words">One word per row; no duplicates.</param>
    /// <param name="vectors">Row-major matrix <c>[words.Count, dimension]</c>; copied.</param>
    /// <param name="dimension">Vector length.</param>
    /// <exception cref="ArgumentException">The matrix size is not <c>words.Count × dimension</c>, or a word repeats.</exception>
    public WordEmbeddings(IReadOnlyList<string> words, ReadOnlySpan<float> vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if ((long)words.Count * dimension != vectors.Length)
            throw new ArgumentException($"Expected {words.Count} × {dimension} = {(long)words.Count * dimension} values, got {vectors.Length}.", nameof(vectors));
        _words = words.ToArray();
        _vectors = vectors.ToArray();
        Dimension = dimension;
        _ids = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (int i = 0; i < _words.Length; i++)
            if (!_ids.TryAdd(_words[i], i))
                throw new ArgumentException($"Word '{_words[i]}' appears twice.", nameof(words));
    }

    /// <summary>Wraps pre-trained vectors (e.g. <c>Datasets.GloVe50d.Load()</c>).</summary>
    public static WordEmbeddings From(DeepNlp.Data.PretrainedVectors pretrained)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        return new WordEmbeddings(pretrained.Words, pretrained.Vectors, pretrained.Dimension);
    }

    /// <summary>Number of words (rows).</summary>
    public int Count => _words.Length;

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>The words, by row.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The raw matrix <c>[Count, Dimension]</c>, row-major.</summary>
    public ReadOnlySpan<float> Matrix => _vectors;

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => _ids.ContainsKey(word);

    /// <summary>Row of <paramref name="word"/>, or -1.</summary>
    public int IndexOf(string word) => _ids.TryGetValue(word, out int i) ? i : -1;

    /// <summary>The vector of <paramref name="word"/>.</summary>
    /// <exception cref="KeyNotFoundException">The word has no vector.</exception>
    public ReadOnlySpan<float> this[string word] => Row(_ids.TryGetValue(word, out int i) ? i
        : throw new KeyNotFoundException($"'{word}' is not in the embedding set ({Count} words)."));

    /// <summary>The vector in row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _vectors.AsSpan(checked(index * Dimension), Dimension);

    /// <summary>Unit-length rows (zero rows stay zero), computed once.</summary>
    internal float[] UnitMatrix => _unit ??= Normalize(_vectors, Dimension);

    /// <summary>Cosine similarity of two words' vectors.</summary>
    /// <exception cref="KeyNotFoundException">Either word has no vector.</exception>
    public double Cosine(string a, string b) => TensorPrimitives.CosineSimilarity(this[a], this[b]);

    /// <summary>The <paramref name="k"/> words with the highest cosine similarity to <paramref name="word"/> (itself excluded).</summary>
    /// <exception cref="KeyNotFoundException">The word has no vector.</exception>
    public IReadOnlyList<Neighbour> Nearest(string word, int k = 10)
    {
        int id = _ids.TryGetValue(word, out int i) ? i : throw new KeyNotFoundException($"'{word}' is not in the embedding set.");
        var unit = UnitMatrix;
        return NearestTo(unit.AsSpan(id * Dimension, Dimension), k, [id]);
    }

    /// <summary>The <paramref name="k"/> words whose vectors are closest in cosine to <paramref name="query"/>.</summary>
    /// <param name="query">A vector of length <see cref="Dimension"/>.</param>
    /// <param name="k">How many neighbours.</param>
    /// <param name="exclude">Rows to leave out (e.g. the query words).</param>
    public IReadOnlyList<Neighbour> NearestTo(ReadOnlySpan<float> query, int k = 10, IReadOnlyCollection<int>? exclude = null)
    {
        if (query.Length != Dimension) throw new ArgumentException($"Query has length {query.Length}, expected {Dimension}.", nameof(query));
        var unit = UnitMatrix;
        float qn = TensorPrimitives.Norm(query);
        var scores = new float[Count];
        for (int r = 0; r < Count; r++)
            scores[r] = qn == 0 ? 0 : TensorPrimitives.Dot(query, unit.AsSpan(r * Dimension, Dimension)) / qn;
        var skip = exclude is null ? new HashSet<int>() : new HashSet<int>(exclude);
        return Enumerable.Range(0, Count).Where(r => !skip.Contains(r))
            .OrderByDescending(r => scores[r]).ThenBy(r => r).Take(k)
            .Select(r => new Neighbour(_words[r], scores[r])).ToArray();
    }

    /// <summary>The first <paramref name="n"/> rows (the most frequent words when rows are in frequency order).</summary>
    public WordEmbeddings Top(int n)
    {
        n = Math.Clamp(n, 0, Count);
        return new WordEmbeddings(_words[..n], _vectors.AsSpan(0, n * Dimension), Dimension);
    }

    /// <summary>The rows of the given words that exist, in the order given.</summary>
    public WordEmbeddings Subset(IEnumerable<string> words)
    {
        var kept = words.Distinct(StringComparer.Ordinal).Where(_ids.ContainsKey).ToArray();
        var m = new float[kept.Length * Dimension];
        for (int i = 0; i < kept.Length; i++) this[kept[i]].CopyTo(m.AsSpan(i * Dimension, Dimension));
        return new WordEmbeddings(kept, m, Dimension);
    }

    /// <inheritdoc />
    public override string ToString() => $"WordEmbeddings({Count} words × {Dimension} dimensions)";

    /// <summary>An HTML summary: size and the first few words.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<div><b>WordEmbeddings</b>: ");
        sb.Append(Count).Append(" words × ").Append(Dimension).Append(" dimensions; first words: ");
        sb.Append(System.Net.WebUtility.HtmlEncode(string.Join(", ", _words.Take(12)))).Append("</div>");
        return sb.ToString();
    }

    internal static float[] Normalize(float[] m, int d)
    {
        var u = new float[m.Length];
        for (int r = 0; r < m.Length / d; r++)
        {
            var src = m.AsSpan(r * d, d);
            float n = TensorPrimitives.Norm(src);
            if (n > 0) TensorPrimitives.Divide(src, n, u.AsSpan(r * d, d));
        }
        return u;
    }
}
