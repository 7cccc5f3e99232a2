using System.Diagnostics;
using System.Numerics.Tensors;

namespace DeepNlp.WordVectors;

/// <summary>Trains GloVe (weighted least squares on log co-occurrences, AdaGrad) as the GloVe tool does.</summary>
/// <remarks>
/// Mirrors <c>glove.c</c> (stanfordnlp/GloVe): the non-zero entries are shuffled once (the tool's <c>shuffle</c> step),
/// then every epoch visits them in that order; parameters start uniform in [-0.5/d, 0.5/d] and the AdaGrad
/// accumulators at 1; each step scales the gradient by η first and accumulates the squared scaled gradient
/// (w -= η g / sqrt(G); G += (η g)²), which is the tool's arithmetic. Single-threaded, so the same seed gives the same
/// vectors. The per-entry gradient is <see cref="GloVeGradients.Entry{T}"/>, the code the gradient test checks.
/// Build the matrix with <see cref="CooccurrenceMatrix.Count"/> (GloVe's tool: window 15, distance weighting on).
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class GloVe
{
    /// <summary>Trains on a co-occurrence matrix.</summary>
    /// <param name="cooccurrences">Counts X (not PPMI); entries must be positive.</param>
    /// <param name="options">Hyper-parameters; null uses the tool's defaults.</param>
    /// <param name="progress">Receives one report per epoch on the calling thread.</param>
    /// <exception cref="ArgumentException">The matrix has no entries or a non-positive entry.</exception>
    public static GloVeModel Train(CooccurrenceMatrix cooccurrences, GloVeOptions? options = null, IProgress<GloVeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cooccurrences);
        var o = options ?? new GloVeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Dimension, 1, nameof(o.Dimension));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Epochs, 1, nameof(o.Epochs));
        var X = cooccurrences;
        if (X.NonZeros == 0) throw new ArgumentException("The co-occurrence matrix is empty.", nameof(cooccurrences));
        int V = X.Size, d = o.Dimension;

        var rows = new int[X.NonZeros];
        for (int r = 0; r < V; r++)
            for (int i = X.RowStarts[r]; i < X.RowStarts[r + 1]; i++)
            {
                if (!(X.Values[i] > 0)) throw new ArgumentException($"Entry ({X.Words[r]}, {X.Words[X.Columns[i]]}) is {X.Values[i]}; GloVe needs positive counts.", nameof(cooccurrences));
                rows[i] = r;
            }
        var rng = new Random(o.Seed);
        var order = Enumerable.Range(0, X.NonZeros).ToArray();
        rng.Shuffle(order);

        float Init() => (float)((rng.NextDouble() - 0.5) / d);
        var W = new float[V * d]; var Wt = new float[V * d]; var b = new float[V]; var bt = new float[V];
        for (int i = 0; i < W.Length; i++) W[i] = Init();
        for (int i = 0; i < Wt.Length; i++) Wt[i] = Init();
        for (int i = 0; i < V; i++) { b[i] = Init(); bt[i] = Init(); }
        var GW = Filled(V * d); var GWt = Filled(V * d); var Gb = Filled(V); var Gbt = Filled(V);

        var dWi = new float[d]; var dWj = new float[d]; var scratch = new float[d];
        float eta = (float)o.LearningRate, xMax = (float)o.XMax, alpha = (float)o.Alpha;
        var costs = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= o.Epochs; epoch++)
        {
            double cost = 0;
            foreach (int e in order)
            {
                int i = rows[e], j = X.Columns[e];
                var wi = W.AsSpan(i * d, d); var wj = Wt.AsSpan(j * d, d);
                cost += GloVeGradients.Entry<float>(wi, wj, b[i], bt[j], X.Values[e], xMax, alpha, dWi, dWj, out float dB);
                AdaGrad(wi, GW.AsSpan(i * d, d), dWi, eta, scratch);
                AdaGrad(wj, GWt.AsSpan(j * d, d), dWj, eta, scratch);
                float tb = eta * dB;                                               // the biases, same rule
                b[i] -= tb / MathF.Sqrt(Gb[i]); Gb[i] += tb * tb;
                bt[j] -= tb / MathF.Sqrt(Gbt[j]); Gbt[j] += tb * tb;
            }
            costs.Add(cost / X.NonZeros);
            progress?.Report(new GloVeProgress(epoch, o.Epochs, cost / X.NonZeros, clock.Elapsed));
        }
        return new GloVeModel(X.Words, d, W, Wt, b, bt, costs);
    }

    // glove.c: temp = η g; θ -= temp / sqrt(G); G += temp²
    private static void AdaGrad(Span<float> theta, Span<float> G, Span<float> g, float eta, Span<float> scratch)
    {
        var root = scratch[..theta.Length];
        TensorPrimitives.Multiply(g, eta, g);                 // temp = η g
        TensorPrimitives.Sqrt(G, root);
        TensorPrimitives.Divide(g, root, root);               // temp / sqrt(G)
        TensorPrimitives.Subtract(theta, root, theta);        // θ -= temp / sqrt(G)
        TensorPrimitives.MultiplyAdd(g, g, G, G);             // G += temp²
    }

    private static float[] Filled(int n)
    {
        var a = new float[n];
        Array.Fill(a, 1f);
        return a;
    }
}
