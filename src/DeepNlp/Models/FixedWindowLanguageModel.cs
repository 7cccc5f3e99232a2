using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Models;

/// <summary>The fixed-window neural language model (Bengio et al. 2003): the previous n words' embeddings, combined,
/// through a tanh hidden layer, predict the next word.</summary>
/// <remarks>
/// <code>
/// c = combine(E w_{t-n}, …, E w_{t-1})        concatenate | average | conv + max-over-time
/// h = tanh(W c + b)
/// ŷ = softmax(U h + d)
/// </code>
/// Bengio's optional direct connections from c to the output are left out. Taught in notebooks/04_neural_language_models.ipynb.
/// </remarks>
public sealed class FixedWindowLanguageModel<T> : ITrainableModel<T, WindowBatch> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _x = [], _c = [], _h = [], _logits = [], _dh = [], _dc = [], _dx = [];
    private int[] _ids = [];
    private int _n;

    /// <summary>Creates the model with seeded weights.</summary>
    /// <param name="vocabularySize">|V|.</param>
    /// <param name="window">n: context words.</param>
    /// <param name="embeddingSize">Embedding dimension.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="combination">How the window is combined.</param>
    /// <param name="convolutionWidth">Filter width for <see cref="WindowCombination.Convolution"/>.</param>
    /// <param name="filters">Filters for <see cref="WindowCombination.Convolution"/>.</param>
    public FixedWindowLanguageModel(int vocabularySize, int window, int embeddingSize, int hiddenSize, int seed,
        WindowCombination combination = WindowCombination.Concatenate, int convolutionWidth = 2, int filters = 64)
    {
        var rng = new Random(seed);
        Window = window; Combination = combination;
        Embedding = new Embedding<T>("emb", vocabularySize, embeddingSize, rng);
        if (combination == WindowCombination.Convolution) Convolution = new Conv1dMaxPool<T>("conv", embeddingSize, convolutionWidth, filters, rng);
        CombinedSize = combination switch
        {
            WindowCombination.Concatenate => window * embeddingSize,
            WindowCombination.Average => embeddingSize,
            _ => filters,
        };
        Hidden = new Linear<T>("hidden", CombinedSize, hiddenSize, rng);
        Output = new Linear<T>("out", hiddenSize, vocabularySize, rng);
    }

    /// <summary>n: context words.</summary>
    public int Window { get; }

    /// <summary>How the window is combined.</summary>
    public WindowCombination Combination { get; }

    /// <summary>Length of the combined vector c.</summary>
    public int CombinedSize { get; }

    /// <summary>Embeddings E.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>The convolution, when used.</summary>
    public Conv1dMaxPool<T>? Convolution { get; }

    /// <summary>W, b.</summary>
    public Linear<T> Hidden { get; }

    /// <summary>U, d.</summary>
    public Linear<T> Output { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters =>
        [.. Embedding.Parameters, .. (Convolution?.Parameters ?? []), .. Hidden.Parameters, .. Output.Parameters];

    /// <summary>Summed cross-entropy of next words given their windows.</summary>
    /// <param name="contexts">Context ids [count, window], oldest first.</param>
    /// <param name="targets">Next-word ids [count]; -1 masks.</param>
    /// <exception cref="ArgumentException">The lengths do not match the window.</exception>
    public CrossEntropyResult Forward(ReadOnlySpan<int> contexts, ReadOnlySpan<int> targets)
    {
        if (contexts.Length != targets.Length * Window)
            throw new ArgumentException($"contexts has {contexts.Length} ids, expected {targets.Length} × window {Window}.", nameof(contexts));
        int n = _n = targets.Length, E = Embedding.Dimension, Hd = Hidden.OutputSize, V = Output.OutputSize;
        _ids = contexts.ToArray();
        Grow(ref _x, n * Window * E); Grow(ref _c, n * CombinedSize); Grow(ref _h, n * Hd); Grow(ref _logits, n * V);
        var x = _x.AsSpan(0, n * Window * E); var c = _c.AsSpan(0, n * CombinedSize);
        Embedding.Forward(_ids, x);
        switch (Combination)
        {
            case WindowCombination.Concatenate: x.CopyTo(c); break;                   // c = [e_1; …; e_n] (rows are already contiguous)
            case WindowCombination.Average:
                c.Clear();
                for (int s = 0; s < n; s++)
                    for (int i = 0; i < Window; i++) Ops.Axpy(T.One / T.CreateTruncating(Window), x.Slice((s * Window + i) * E, E), c.Slice(s * E, E));   // c = (1/n) Σ e_i
                break;
            default: Convolution!.Forward(x, n, Window, c); break;                     // c = max_t conv(e)_t
        }
        var h = _h.AsSpan(0, n * Hd);
        Hidden.Forward(c, h);
        Ops.Tanh<T>(h, h);                                                             // h = tanh(W c + b)
        Output.Forward(h, _logits.AsSpan(0, n * V));                                    // s = U h + d
        return _loss.Forward(_logits.AsSpan(0, n * V), targets, V);
    }

    /// <summary>Summed cross-entropy of a batch of (context, next word) pairs: <see cref="Forward"/> on its windows and targets.</summary>
    /// <param name="batch">Contexts [count, window] and next-word ids [count].</param>
    /// <param name="training">Unused: the model has no dropout, so training and evaluation agree.</param>
    /// <exception cref="ArgumentException">The windows do not match the model's window.</exception>
    public CrossEntropyResult Loss(WindowBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Forward(batch.Windows, batch.Targets);
    }

    /// <summary>Backpropagates the mean loss of the last Forward.</summary>
    public void Backward(int count)
    {
        int n = _n, E = Embedding.Dimension, Hd = Hidden.OutputSize, V = Output.OutputSize;
        var dLogits = _logits.AsSpan(0, n * V);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        Grow(ref _dh, n * Hd); Grow(ref _dc, n * CombinedSize); Grow(ref _dx, n * Window * E);
        var h = _h.AsSpan(0, n * Hd); var dh = _dh.AsSpan(0, n * Hd); var dc = _dc.AsSpan(0, n * CombinedSize);
        Output.Backward(h, dLogits, dh);
        Ops.TanhGrad<T>(dh, h, dh);                                                    // through tanh
        Hidden.Backward(_c.AsSpan(0, n * CombinedSize), dh, dc);
        var dx = _dx.AsSpan(0, n * Window * E);
        switch (Combination)
        {
            case WindowCombination.Concatenate: dc.CopyTo(dx); break;
            case WindowCombination.Average:
                for (int s = 0; s < n; s++)
                    for (int i = 0; i < Window; i++) Ops.Scale<T>(dc.Slice(s * E, E), T.One / T.CreateTruncating(Window), dx.Slice((s * Window + i) * E, E));
                break;
            default: Convolution!.Backward(dc, dx); break;
        }
        Embedding.Backward(_ids, dx);
    }

    /// <summary>Builds (contexts [count, window], targets [count]) from a token stream, padding the start with <paramref name="padId"/>.</summary>
    public static (int[] Contexts, int[] Targets) Examples(IReadOnlyList<int> stream, int window, int padId)
    {
        var contexts = new int[stream.Count * window];
        var targets = new int[stream.Count];
        for (int t = 0; t < stream.Count; t++)
        {
            for (int i = 0; i < window; i++)
            {
                int p = t - window + i;
                contexts[t * window + i] = p < 0 ? padId : stream[p];
            }
            targets[t] = stream[t];
        }
        return (contexts, targets);
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
