using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.WordVectors;

/// <summary>Hierarchical softmax: a Huffman tree over the vocabulary and the per-node sigmoid loss of word2vec.</summary>
/// <remarks>
/// Every word is a leaf of a binary Huffman tree built from the word counts, so frequent words sit near the root. Each
/// of the V - 1 inner nodes n has an output vector u_n. Walking from the root to word w reads a code bit b_j ∈ {0, 1}
/// at each inner node n_j on the path; as in word2vec.c, bit 0 is the branch taken with probability σ(hᵀu_n), so
/// P(w | h) = Π_j σ((1 - 2 b_j) hᵀu_{n_j}) and J = -log P(w | h) = Σ_j -log σ((1 - 2 b_j) hᵀu_{n_j}).
/// Because σ(s) + σ(-s) = 1 at every inner node, the leaf probabilities sum to 1 without any sum over the
/// vocabulary; a word costs O(depth · d), about log2 V dot products, instead of V.
/// With s_j = hᵀu_{n_j} and g_j = σ(s_j) - (1 - b_j): ∂J/∂u_{n_j} = g_j h and ∂J/∂h = Σ_j g_j u_{n_j}
/// (word2vec.c's inner loop is the SGD step on exactly these).
/// Tree variant: the two lightest nodes are merged, the lighter one gets bit 0 and the heavier bit 1 (word2vec.c's
/// rule); ties go to the node created first (leaves by id, then inner nodes). Inner nodes are numbered in the order
/// they are created, so the root is node V - 2. word2vec.c's own tie order can differ on equal counts.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c> (section 4, hierarchical softmax).
/// </remarks>
public sealed class HierarchicalSoftmax
{
    private readonly int[][] _paths;
    private readonly byte[][] _codes;

    private HierarchicalSoftmax(int[][] paths, byte[][] codes)
    {
        _paths = paths;
        _codes = codes;
    }

    /// <summary>Number of words (leaves of the tree), V.</summary>
    public int LeafCount => _paths.Length;

    /// <summary>Number of inner nodes, V - 1: the rows of the node-vector matrix.</summary>
    public int InnerNodeCount => _paths.Length - 1;

    /// <summary>Builds the Huffman tree over word counts.</summary>
    /// <param name="counts">Count of every word, <c>[V]</c>; word i becomes leaf i.</param>
    /// <returns>The tree, with a path and a code for every word.</returns>
    /// <exception cref="ArgumentException">Fewer than two words, or a negative count.</exception>
    /// <remarks>O(V log V) with a priority queue keyed by (count, creation order).</remarks>
    public static HierarchicalSoftmax Build(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int V = counts.Count;
        if (V < 2) throw new ArgumentException("A Huffman tree needs at least two words.", nameof(counts));
        var parent = new int[2 * V - 1];
        var bit = new byte[2 * V - 1];
        var queue = new PriorityQueue<int, (long Count, int Node)>();
        for (int w = 0; w < V; w++)
        {
            if (counts[w] < 0) throw new ArgumentException($"Word {w} has a negative count ({counts[w]}).", nameof(counts));
            queue.Enqueue(w, (counts[w], w));
        }
        for (int next = V; next < 2 * V - 1; next++)
        {
            queue.TryDequeue(out int lighter, out var a);
            queue.TryDequeue(out int heavier, out var b);
            parent[lighter] = next; bit[lighter] = 0;                 // the lighter child takes bit 0, as word2vec.c does
            parent[heavier] = next; bit[heavier] = 1;
            queue.Enqueue(next, (a.Count + b.Count, next));
        }
        int root = 2 * V - 2;
        var paths = new int[V][];
        var codes = new byte[V][];
        var nodes = new List<int>();
        var bits = new List<byte>();
        for (int w = 0; w < V; w++)
        {
            nodes.Clear(); bits.Clear();
            for (int n = w; n != root; n = parent[n])
            {
                bits.Add(bit[n]);
                nodes.Add(parent[n] - V);                              // inner node ids 0 .. V - 2
            }
            nodes.Reverse(); bits.Reverse();                           // root first
            paths[w] = nodes.ToArray();
            codes[w] = bits.ToArray();
        }
        return new HierarchicalSoftmax(paths, codes);
    }

    /// <summary>The inner nodes on the way from the root to <paramref name="word"/>, root first.</summary>
    /// <param name="word">Leaf id, 0 ≤ word &lt; V.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="word"/> is not a leaf id.</exception>
    public IReadOnlyList<int> Path(int word) => _paths[CheckWord(word)];

    /// <summary>The code bits read on the way from the root to <paramref name="word"/>, root first (same length as <see cref="Path"/>).</summary>
    /// <param name="word">Leaf id, 0 ≤ word &lt; V.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="word"/> is not a leaf id.</exception>
    public IReadOnlyList<byte> Code(int word) => _codes[CheckWord(word)];

    /// <summary>The loss J = -log P(word | h) and its gradients.</summary>
    /// <param name="h">Hidden vector (v_c for skip-gram, the mean context vector for CBOW), <c>[d]</c>.</param>
    /// <param name="nodeVectors">Inner-node output vectors u_n, <c>[V - 1, d]</c>.</param>
    /// <param name="word">Leaf id of the word to predict.</param>
    /// <param name="dH">Receives ∂J/∂h = Σ_j g_j u_{n_j}, <c>[d]</c> (overwritten).</param>
    /// <param name="dNodeVectors">∂J/∂u_n = g_j h is <b>added</b> to the rows of the path's nodes, <c>[V - 1, d]</c>; other rows are untouched.</param>
    /// <returns>J = Σ_j -log σ((1 - 2 b_j) hᵀu_{n_j}).</returns>
    /// <exception cref="ArgumentException">The spans' lengths do not match <c>d = h.Length</c> and V - 1 nodes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="word"/> is not a leaf id.</exception>
    public T Loss<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> nodeVectors, int word, Span<T> dH, Span<T> dNodeVectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = h.Length;
        CheckShapes(d, nodeVectors.Length);
        if (dH.Length != d) throw new ArgumentException("dH needs h's length.", nameof(dH));
        if (dNodeVectors.Length != nodeVectors.Length) throw new ArgumentException("dNodeVectors needs nodeVectors' length.", nameof(dNodeVectors));
        var path = _paths[CheckWord(word)];
        var code = _codes[word];
        dH.Clear();
        T loss = T.Zero;
        for (int j = 0; j < path.Length; j++)
        {
            var u = nodeVectors.Slice(path[j] * d, d);
            T s = TensorPrimitives.Dot(h, u);                                     // s_j = hᵀu_{n_j}
            T z = code[j] == 0 ? s : -s;                                          // (1 - 2 b_j) s_j
            loss += z >= T.Zero ? T.LogP1(T.Exp(-z)) : -z + T.LogP1(T.Exp(z));   // -log σ(z), no overflow either way
            T g = Word2VecGradients.Sigmoid(s) - (code[j] == 0 ? T.One : T.Zero); // g_j = σ(s_j) - (1 - b_j)
            TensorPrimitives.MultiplyAdd(u, g, dH, dH);                           // ∂h += g_j u_{n_j}
            var du = dNodeVectors.Slice(path[j] * d, d);
            TensorPrimitives.MultiplyAdd(h, g, du, du);                           // ∂u_{n_j} += g_j h
        }
        return loss;
    }

    /// <summary>P(w | h) for every word w, by walking the tree once per leaf.</summary>
    /// <param name="h">Hidden vector, <c>[d]</c>.</param>
    /// <param name="nodeVectors">Inner-node output vectors, <c>[V - 1, d]</c>.</param>
    /// <returns>The leaf probabilities, <c>[V]</c>; they sum to 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="nodeVectors"/> is not <c>[V - 1, d]</c>.</exception>
    /// <remarks>O(V · depth · d): for inspection and tests, not for training.</remarks>
    public double[] LeafProbabilities(ReadOnlySpan<double> h, ReadOnlySpan<double> nodeVectors)
    {
        int d = h.Length;
        CheckShapes(d, nodeVectors.Length);
        var p = new double[LeafCount];
        for (int w = 0; w < LeafCount; w++)
        {
            double logP = 0;
            for (int j = 0; j < _paths[w].Length; j++)
            {
                double s = TensorPrimitives.Dot(h, nodeVectors.Slice(_paths[w][j] * d, d));
                logP += Math.Log(Word2VecGradients.Sigmoid(_codes[w][j] == 0 ? s : -s));   // log σ((1 - 2b) s)
            }
            p[w] = Math.Exp(logP);
        }
        return p;
    }

    /// <summary>The mean code length Σ_w count(w) · depth(w) / Σ_w count(w): the expected number of sigmoids per prediction.</summary>
    /// <param name="counts">The counts the tree was built from, <c>[V]</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="counts"/> does not have V entries, or they sum to 0.</exception>
    /// <remarks>Huffman's tree minimises this over all binary trees with these leaves.</remarks>
    public double MeanCodeLength(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != LeafCount) throw new ArgumentException($"Expected {LeafCount} counts, got {counts.Count}.", nameof(counts));
        double total = counts.Sum(c => (double)c);
        if (total <= 0) throw new ArgumentException("The counts sum to 0.", nameof(counts));
        return Enumerable.Range(0, LeafCount).Sum(w => counts[w] * (double)_paths[w].Length) / total;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"HierarchicalSoftmax({LeafCount:N0} leaves, {InnerNodeCount:N0} inner nodes, depth {_paths.Min(p => p.Length)}–{_paths.Max(p => p.Length)})";

    private int CheckWord(int word)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(word);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(word, LeafCount);
        return word;
    }

    private void CheckShapes(int d, int nodeLength)
    {
        if (d == 0 || nodeLength != InnerNodeCount * d)
            throw new ArgumentException($"nodeVectors must be [{InnerNodeCount}, d] with d = h.Length = {d} > 0; got {nodeLength} values.", "nodeVectors");
    }
}
