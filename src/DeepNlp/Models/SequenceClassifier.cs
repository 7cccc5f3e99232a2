using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Models;

/// <summary>A whole-sequence classifier: embeddings → (bi)directional RNN → pooling (last, mean, max or attention) → softmax (e.g. sentence polarity).</summary>
/// <remarks>For a bidirectional encoder, Last pools [h→ at the last token ; h← at the first], the two final states.
/// Max routes each feature's gradient to the step that won. Taught in notebooks/08_rnns_in_practice.ipynb.</remarks>
public sealed class SequenceClassifier<T> : ITrainableModel<T, LabeledSequences> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _pooled = [], _logits = [], _dOut = [];
    private int[] _argmax = [];
    private PaddedIds? _batch;

    /// <summary>Creates a classifier with seeded weights.</summary>
    /// <param name="vocabularySize">|V| (id 0 pads).</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="embeddingSize">Embedding dimension.</param>
    /// <param name="hiddenSize">H per direction.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="pooling">How steps are pooled.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="bidirectional">Read right to left as well.</param>
    public SequenceClassifier(int vocabularySize, int classCount, int embeddingSize, int hiddenSize, int seed,
        Pooling pooling = Pooling.Last, CellKind cell = CellKind.Lstm, bool bidirectional = false)
    {
        var rng = new Random(seed);
        Encoder = new SequenceEncoder<T>(vocabularySize, embeddingSize, hiddenSize, cell, bidirectional, rng);
        Output = new Linear<T>("cls", Encoder.OutputSize, classCount, rng);
        if (pooling == Pooling.Attention) AttentionPooling = new AttentionPooling<T>("pool", Encoder.OutputSize, Encoder.OutputSize, rng);
        ClassCount = classCount; Pooling = pooling; Bidirectional = bidirectional;
    }

    /// <summary>Embeddings and recurrent layers.</summary>
    public SequenceEncoder<T> Encoder { get; }

    /// <summary>The class projection.</summary>
    public Linear<T> Output { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The pooling.</summary>
    public Pooling Pooling { get; }

    /// <summary>Whether the encoder reads both ways.</summary>
    public bool Bidirectional { get; }

    /// <summary>The attention pooling layer when <see cref="Pooling"/> is Attention, else null.</summary>
    public AttentionPooling<T>? AttentionPooling { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. Encoder.Parameters, .. AttentionPooling?.Parameters ?? [], .. Output.Parameters];

    /// <summary>Summed cross-entropy of the labels; keeps what Backward needs.</summary>
    /// <param name="sequences">Token ids per sequence.</param>
    /// <param name="labels">Gold class per sequence, or null to only compute probabilities.</param>
    /// <param name="training">Whether dropout is active.</param>
    public CrossEntropyResult Forward(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int>? labels, bool training = true)
    {
        var batch = _batch = PaddedIds.Create(sequences, 0);
        var h = Encoder.Run(batch, training);
        int B = batch.Batch, D = Encoder.OutputSize, half = D / 2;
        if (_pooled.Length < B * D) { _pooled = new T[B * D]; _argmax = new int[B * D]; }
        if (_logits.Length < B * ClassCount) _logits = new T[B * ClassCount];
        AttentionPooling?.Forward(h, batch.Time, B, batch.Lengths, _pooled.AsSpan(0, B * D));   // s = Σ_t α_t h_t
        for (int b = 0; b < B; b++)
        {
            var pooled = _pooled.AsSpan(b * D, D);
            int len = batch.Lengths[b];
            switch (Pooling)
            {
                case Pooling.Last when Bidirectional:
                    h.Slice(((len - 1) * B + b) * D, half).CopyTo(pooled[..half]);          // h→ after the last token
                    h.Slice(b * D + half, half).CopyTo(pooled[half..]);                     // h← after the first
                    break;
                case Pooling.Last:
                    h.Slice(((len - 1) * B + b) * D, D).CopyTo(pooled);
                    break;
                case Pooling.Mean:
                    pooled.Clear();
                    for (int t = 0; t < len; t++) Ops.AddInPlace(h.Slice((t * B + b) * D, D), pooled);
                    Ops.Scale<T>(pooled, T.One / T.CreateTruncating(len), pooled);          // (1/n) Σ_t h_t
                    break;
                case Pooling.Max:
                    for (int j = 0; j < D; j++)
                    {
                        int best = 0;
                        for (int t = 1; t < len; t++) if (h[(t * B + b) * D + j] > h[(best * B + b) * D + j]) best = t;
                        pooled[j] = h[(best * B + b) * D + j];                               // max_t h_t[j]
                        _argmax[b * D + j] = best;
                    }
                    break;
            }
        }
        Output.Forward(_pooled.AsSpan(0, B * D), _logits.AsSpan(0, B * ClassCount));
        int[] targets = labels is null ? [.. Enumerable.Repeat(SoftmaxCrossEntropy<T>.IgnoreTarget, B)] : [.. labels];
        return _loss.Forward(_logits.AsSpan(0, B * ClassCount), targets, ClassCount);
    }

    /// <summary>Summed cross-entropy of a batch of labelled sequences: <see cref="Forward"/> on its sequences and labels.</summary>
    /// <param name="batch">Token ids per sequence and one gold class each.</param>
    /// <param name="training">Whether dropout is active.</param>
    public CrossEntropyResult Loss(LabeledSequences batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Forward(batch.Sequences, batch.Labels, training);
    }

    /// <summary>Backpropagates the mean loss of the last Forward.</summary>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public void Backward(int count)
    {
        var batch = _batch ?? throw new InvalidOperationException("Backward needs a Forward first.");
        int B = batch.Batch, D = Encoder.OutputSize, half = D / 2, n = batch.Time * B * D;
        var dLogits = _logits.AsSpan(0, B * ClassCount);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        var dPooled = new T[B * D];
        Output.Backward(_pooled.AsSpan(0, B * D), dLogits, dPooled);
        if (_dOut.Length < n) _dOut = new T[n];
        var dOut = _dOut.AsSpan(0, n);
        dOut.Clear();
        if (AttentionPooling is not null) AttentionPooling.Backward(dPooled, dOut);
        else for (int b = 0; b < B; b++)
        {
            var dp = dPooled.AsSpan(b * D, D);
            int len = batch.Lengths[b];
            switch (Pooling)
            {
                case Pooling.Last when Bidirectional:
                    Ops.AddInPlace<T>(dp[..half], dOut.Slice(((len - 1) * B + b) * D, half));
                    Ops.AddInPlace<T>(dp[half..], dOut.Slice(b * D + half, half));
                    break;
                case Pooling.Last:
                    Ops.AddInPlace<T>(dp, dOut.Slice(((len - 1) * B + b) * D, D));
                    break;
                case Pooling.Mean:
                    for (int t = 0; t < len; t++) Ops.Axpy(T.One / T.CreateTruncating(len), dp, dOut.Slice((t * B + b) * D, D));
                    break;
                case Pooling.Max:
                    for (int j = 0; j < D; j++) dOut[(_argmax[b * D + j] * B + b) * D + j] += dp[j];
                    break;
            }
        }
        Encoder.Backpropagate(dOut);
    }

    /// <summary>Class probabilities [sequences][classes].</summary>
    public double[][] PredictProbabilities(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        Forward(sequences, null, training: false);
        var p = _loss.Probabilities.ToArray();
        return [.. Enumerable.Range(0, sequences.Count).Select(b =>
            Enumerable.Range(0, ClassCount).Select(k => double.CreateTruncating(p[b * ClassCount + k])).ToArray())];
    }
}
