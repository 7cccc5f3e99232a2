using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Models;

/// <summary>Classifies the centre word of a ±k window from its concatenated embeddings (Collobert et al. 2011, where the syllabus uses it for named entities; the course tags parts of speech with it).</summary>
/// <remarks>
/// <code>
/// x = [e_{t-k}; …; e_t; …; e_{t+k}]     h = tanh(W x + b)     ŷ = softmax(U h + d)
/// </code>
/// Positions beyond a sentence are filled with a padding id. Taught in notebooks/08_rnns_in_practice.ipynb.
/// </remarks>
public sealed class WindowClassifier<T> : ITrainableModel<T, WindowBatch> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _x = [], _h = [], _logits = [], _dh = [], _dx = [];
    private int[] _ids = [];
    private int _n;

    /// <summary>Creates the classifier with seeded weights.</summary>
    /// <param name="vocabularySize">|V|.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="radius">k: words on each side of the centre.</param>
    /// <param name="embeddingSize">Embedding dimension.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="seed">Seed.</param>
    public WindowClassifier(int vocabularySize, int classCount, int radius, int embeddingSize, int hiddenSize, int seed)
    {
        var rng = new Random(seed);
        Radius = radius;
        Embedding = new Embedding<T>("emb", vocabularySize, embeddingSize, rng);
        Hidden = new Linear<T>("hidden", (2 * radius + 1) * embeddingSize, hiddenSize, rng);
        Output = new Linear<T>("out", hiddenSize, classCount, rng);
    }

    /// <summary>k.</summary>
    public int Radius { get; }

    /// <summary>Embeddings.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>W, b.</summary>
    public Linear<T> Hidden { get; }

    /// <summary>U, d.</summary>
    public Linear<T> Output { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. Embedding.Parameters, .. Hidden.Parameters, .. Output.Parameters];

    /// <summary>Summed cross-entropy of the labels of the windows' centre words.</summary>
    /// <param name="windows">Ids [count, 2k+1].</param>
    /// <param name="labels">Classes [count]; -1 masks.</param>
    /// <exception cref="ArgumentException">The lengths do not match 2k+1.</exception>
    public CrossEntropyResult Forward(ReadOnlySpan<int> windows, ReadOnlySpan<int> labels)
    {
        int w = 2 * Radius + 1;
        if (windows.Length != labels.Length * w) throw new ArgumentException($"windows has {windows.Length} ids, expected {labels.Length} × {w}.", nameof(windows));
        return _loss.Forward(Scores(windows, labels.Length), labels, Output.OutputSize);
    }

    /// <summary>Summed cross-entropy of a batch of windows: <see cref="Forward"/> on its windows and labels.</summary>
    /// <param name="batch">Windows [count, 2k+1] and centre-word classes [count].</param>
    /// <param name="training">Unused: the model has no dropout, so training and evaluation agree.</param>
    /// <exception cref="ArgumentException">The windows are not 2k+1 wide.</exception>
    public CrossEntropyResult Loss(WindowBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Forward(batch.Windows, batch.Targets);
    }

    /// <summary>The most probable class of each window's centre word: argmax of ŷ (ties go to the lower class).</summary>
    /// <param name="windows">Ids [count, 2k+1], as <see cref="Windows"/> builds them.</param>
    /// <returns>Classes [count].</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 2k+1.</exception>
    /// <remarks>Overwrites what <see cref="Backward"/> uses: run <see cref="Forward"/> again before the next Backward.</remarks>
    public int[] Predict(ReadOnlySpan<int> windows)
    {
        int w = 2 * Radius + 1, C = Output.OutputSize;
        if (windows.Length % w != 0) throw new ArgumentException($"windows has {windows.Length} ids, not a multiple of {w}.", nameof(windows));
        var scores = Scores(windows, windows.Length / w);
        var classes = new int[windows.Length / w];
        for (int i = 0; i < classes.Length; i++)
            classes[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<T>(scores.Slice(i * C, C));   // softmax keeps the order of s
        return classes;
    }

    /// <summary>The most probable class of every word of every sentence.</summary>
    /// <param name="sentences">Word ids, one list per sentence.</param>
    /// <param name="padId">The id that fills window positions beyond a sentence (as in training).</param>
    /// <returns>Classes, one array per sentence, as long as the sentence.</returns>
    /// <remarks>Taught in notebooks/08_rnns_in_practice.ipynb (the window tagger before the RNN tagger).</remarks>
    public int[][] Predict(IReadOnlyList<IReadOnlyList<int>> sentences, int padId) =>
        [.. sentences.Select(s => Predict(Windows(s, Radius, padId)))];

    /// <summary>Scores s = U tanh(W x + b) + d of <paramref name="n"/> windows, keeping x and h for Backward.</summary>
    private Span<T> Scores(ReadOnlySpan<int> windows, int n)
    {
        int w = 2 * Radius + 1, E = Embedding.Dimension, Hd = Hidden.OutputSize, C = Output.OutputSize;
        _n = n;
        _ids = windows.ToArray();
        Grow(ref _x, n * w * E); Grow(ref _h, n * Hd); Grow(ref _logits, n * C);
        var x = _x.AsSpan(0, n * w * E); var h = _h.AsSpan(0, n * Hd);
        Embedding.Forward(_ids, x);                                  // x = [e_{t-k}; …; e_{t+k}]
        Hidden.Forward(x, h);
        Ops.Tanh<T>(h, h);                                           // h = tanh(W x + b)
        Output.Forward(h, _logits.AsSpan(0, n * C));                 // s = U h + d
        return _logits.AsSpan(0, n * C);
    }

    /// <summary>Backpropagates the mean loss of the last Forward.</summary>
    public void Backward(int count)
    {
        int w = 2 * Radius + 1, n = _n, E = Embedding.Dimension, Hd = Hidden.OutputSize, C = Output.OutputSize;
        var dLogits = _logits.AsSpan(0, n * C);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        Grow(ref _dh, n * Hd); Grow(ref _dx, n * w * E);
        var h = _h.AsSpan(0, n * Hd); var dh = _dh.AsSpan(0, n * Hd);
        Output.Backward(h, dLogits, dh);
        Ops.TanhGrad<T>(dh, h, dh);
        Hidden.Backward(_x.AsSpan(0, n * w * E), dh, _dx.AsSpan(0, n * w * E));
        Embedding.Backward(_ids, _dx.AsSpan(0, n * w * E));
    }

    /// <summary>The ±k windows [length, 2k+1] around every word of a sentence, padded with <paramref name="padId"/>.</summary>
    public static int[] Windows(IReadOnlyList<int> sentence, int radius, int padId)
    {
        int w = 2 * radius + 1;
        var r = new int[sentence.Count * w];
        for (int t = 0; t < sentence.Count; t++)
            for (int i = -radius; i <= radius; i++)
            {
                int p = t + i;
                r[t * w + i + radius] = p < 0 || p >= sentence.Count ? padId : sentence[p];
            }
        return r;
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
