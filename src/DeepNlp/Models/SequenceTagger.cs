using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Models;

/// <summary>A per-token classifier: embeddings → (bi)directional RNN → softmax over tags at every position (e.g. UPOS tagging on UD EWT).</summary>
/// <remarks>ŷ_t = softmax(W [h→_t ; h←_t] + b); the loss is the mean cross-entropy over real (unpadded) tokens.
/// Sentences are right-padded with id 0. Taught in notebooks/08_rnns_in_practice.ipynb.</remarks>
public sealed class SequenceTagger<T> : ITrainableModel<T, SequenceBatch> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _h = [], _logits = [], _dh = [];
    private int _rows;

    /// <summary>Creates a tagger with seeded weights.</summary>
    /// <param name="vocabularySize">|V| (id 0 pads).</param>
    /// <param name="tagCount">Number of tags.</param>
    /// <param name="embeddingSize">Embedding dimension.</param>
    /// <param name="hiddenSize">H per direction.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="bidirectional">Read right to left as well.</param>
    public SequenceTagger(int vocabularySize, int tagCount, int embeddingSize, int hiddenSize, int seed,
        CellKind cell = CellKind.Lstm, bool bidirectional = true)
    {
        var rng = new Random(seed);
        Encoder = new SequenceEncoder<T>(vocabularySize, embeddingSize, hiddenSize, cell, bidirectional, rng);
        Output = new Linear<T>("tags", Encoder.OutputSize, tagCount, rng);
        TagCount = tagCount;
    }

    /// <summary>Embeddings and recurrent layers.</summary>
    public SequenceEncoder<T> Encoder { get; }

    /// <summary>The tag projection.</summary>
    public Linear<T> Output { get; }

    /// <summary>Number of tags.</summary>
    public int TagCount { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. Encoder.Parameters, .. Output.Parameters];

    /// <summary>Summed cross-entropy of the gold tags; keeps what Backward needs.</summary>
    /// <param name="sentences">Token ids per sentence.</param>
    /// <param name="tags">Gold tag ids per sentence (same lengths), or null to only compute scores.</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <exception cref="ArgumentException">A tag sequence's length differs from its sentence's.</exception>
    public CrossEntropyResult Forward(IReadOnlyList<IReadOnlyList<int>> sentences, IReadOnlyList<IReadOnlyList<int>>? tags, bool training = true)
    {
        var batch = PaddedIds.Create(sentences, 0);
        var h = Encoder.Run(batch, training);
        _rows = batch.Batch * batch.Time;
        if (_logits.Length < _rows * TagCount) _logits = new T[_rows * TagCount];
        if (_h.Length < h.Length) _h = new T[h.Length];
        h.CopyTo(_h);
        Output.Forward(_h.AsSpan(0, h.Length), _logits.AsSpan(0, _rows * TagCount));   // s_t = W h_t + b
        var targets = new int[_rows];
        Array.Fill(targets, SoftmaxCrossEntropy<T>.IgnoreTarget);
        for (int b = 0; b < batch.Batch; b++)
        {
            if (tags is null) break;
            if (tags[b].Count != sentences[b].Count)
                throw new ArgumentException($"Sentence {b} has {sentences[b].Count} tokens but {tags[b].Count} tags.", nameof(tags));
            for (int t = 0; t < tags[b].Count; t++) targets[t * batch.Batch + b] = tags[b][t];
        }
        return _loss.Forward(_logits.AsSpan(0, _rows * TagCount), targets, TagCount);
    }

    /// <summary>Summed cross-entropy of a batch of tagged sentences: <see cref="Forward"/> on its sentences and tags.</summary>
    /// <param name="batch">Token ids and gold tag ids per sentence (same lengths).</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <exception cref="ArgumentException">A tag sequence's length differs from its sentence's.</exception>
    public CrossEntropyResult Loss(SequenceBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Forward(batch.Inputs, batch.Targets, training);
    }

    /// <summary>Backpropagates the mean loss of the last Forward.</summary>
    public void Backward(int count)
    {
        var dLogits = _logits.AsSpan(0, _rows * TagCount);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        int D = Encoder.OutputSize;
        if (_dh.Length < _rows * D) _dh = new T[_rows * D];
        Output.Backward(_h.AsSpan(0, _rows * D), dLogits, _dh.AsSpan(0, _rows * D));
        Encoder.Backpropagate(_dh.AsSpan(0, _rows * D));
    }

    /// <summary>The most probable tag of every token.</summary>
    public int[][] Predict(IReadOnlyList<IReadOnlyList<int>> sentences)
    {
        Forward(sentences, null, training: false);
        var p = _loss.Probabilities.ToArray();
        return [.. sentences.Select((s, b) => Enumerable.Range(0, s.Count).Select(t =>
        {
            var row = p.AsSpan((t * sentences.Count + b) * TagCount, TagCount);
            int best = 0;
            for (int k = 1; k < TagCount; k++) if (row[k] > row[best]) best = k;
            return best;
        }).ToArray())];
    }

}
