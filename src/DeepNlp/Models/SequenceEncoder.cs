using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Models;

/// <summary>Embedding followed by a one- or two-directional recurrent layer over a padded batch: the shared front of the
/// tagger and the classifier. Outputs are time-major [time, batch, D] with D = H or 2H.</summary>
public sealed class SequenceEncoder<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _x = [], _dx = [];
    private int[] _ids = [];
    private IRecurrentCache<T>? _cache;
    private int _n;

    /// <summary>Creates the encoder.</summary>
    /// <param name="vocabularySize">|V| (id 0 is used for padding).</param>
    /// <param name="embeddingSize">Embedding dimension.</param>
    /// <param name="hiddenSize">H per direction.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="bidirectional">Whether to add a right-to-left layer.</param>
    /// <param name="rng">Source of initial weights.</param>
    public SequenceEncoder(int vocabularySize, int embeddingSize, int hiddenSize, CellKind cell, bool bidirectional, Random rng)
    {
        Embedding = new Embedding<T>("emb", vocabularySize, embeddingSize, rng);
        var fw = RecurrentStack<T>.CreateCell(cell, "fw", embeddingSize, hiddenSize, rng);
        Cell = fw;
        if (bidirectional) Bi = new Bidirectional<T>(fw, RecurrentStack<T>.CreateCell(cell, "bw", embeddingSize, hiddenSize, rng));
        OutputSize = bidirectional ? 2 * hiddenSize : hiddenSize;
    }

    /// <summary>Token embeddings.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>The left-to-right layer.</summary>
    public IRecurrentLayer<T> Cell { get; }

    /// <summary>The bidirectional wrapper, or null.</summary>
    public Bidirectional<T>? Bi { get; }

    /// <summary>D: features per output step.</summary>
    public int OutputSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. Embedding.Parameters, .. (Bi?.Parameters ?? Cell.Parameters)];

    /// <summary>Encodes a padded batch; returns outputs [time, batch, D] valid until the next call.</summary>
    public ReadOnlySpan<T> Run(PaddedIds batch, bool training)
    {
        _ids = batch.TimeMajor();
        _n = _ids.Length;
        if (_x.Length < _n * Embedding.Dimension) _x = new T[_n * Embedding.Dimension];
        var x = _x.AsSpan(0, _n * Embedding.Dimension);
        Embedding.Forward(_ids, x);                                         // x_t = E w_t
        if (Bi is not null) return Bi.Run(x, batch.Time, batch.Batch, batch.Lengths, training);
        _cache = Cell.Forward(x, batch.Time, batch.Batch, default, default, training);
        return _cache.Output;
    }

    /// <summary>Backpropagates ∂L/∂outputs [time, batch, D] into the recurrent layers and the embeddings.</summary>
    public void Backpropagate(ReadOnlySpan<T> dOutput)
    {
        if (_dx.Length < _n * Embedding.Dimension) _dx = new T[_n * Embedding.Dimension];
        var dx = _dx.AsSpan(0, _n * Embedding.Dimension);
        if (Bi is not null) Bi.Backpropagate(dOutput, dx);
        else Cell.Backward(_cache!, dOutput, default, default, dx, default, default);
        Embedding.Backward(_ids, dx);
    }
}
