using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Sampling;

namespace DeepNlp.Models;

/// <summary>A sequence-to-sequence model (Sutskever et al. 2014): an encoder RNN reads the source, its final state starts a
/// decoder RNN that is a language model of the target conditioned on the source.</summary>
/// <remarks>
/// <para>Training uses teacher forcing: the decoder reads the gold target y_{&lt;t} and predicts y_t. Each target sequence
/// includes its start and end symbols; the decoder reads tokens [0, n-1) and predicts tokens [1, n).</para>
/// <para>Sources are left-padded with id 0 so that every sequence ends at the last step and the encoder's final state is
/// the state after its last real token (the padding embedding acts as a learned "nothing yet" input). Targets are
/// right-padded and the padded positions are masked. <see cref="Conditioned"/> gives an <see cref="IAutoregressiveModel"/>
/// for greedy, sampled or beam-search decoding. Taught in notebooks/08_rnns_in_practice.ipynb.</para>
/// </remarks>
public sealed class EncoderDecoder<T> : ITrainableModel<T, SequenceBatch> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _xs = [], _xt = [], _logits = [], _dDec = [], _dxt = [], _dxs = [], _zeros = [];
    private int[] _srcIds = [], _tgtIds = [];
    private IRecurrentCache<T>? _encCache, _decCache;
    private int _srcTime, _tgtTime, _batch;

    /// <summary>Creates the model with seeded weights.</summary>
    /// <param name="sourceVocabulary">Source |V| (id 0 pads).</param>
    /// <param name="targetVocabulary">Target |V| (id 0 pads).</param>
    /// <param name="embeddingSize">Embedding dimension (both sides).</param>
    /// <param name="hiddenSize">H of every layer.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="layers">Layers in encoder and decoder.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="dropout">Dropout between layers.</param>
    public EncoderDecoder(int sourceVocabulary, int targetVocabulary, int embeddingSize, int hiddenSize, int seed,
        int layers = 1, CellKind cell = CellKind.Lstm, double dropout = 0)
    {
        var rng = new Random(seed);
        SourceEmbedding = new Embedding<T>("src_emb", sourceVocabulary, embeddingSize, rng);
        TargetEmbedding = new Embedding<T>("tgt_emb", targetVocabulary, embeddingSize, rng);
        Encoder = RecurrentStack<T>.Create(cell, "enc", embeddingSize, hiddenSize, layers, rng, dropout, seed + 1);
        Decoder = RecurrentStack<T>.Create(cell, "dec", embeddingSize, hiddenSize, layers, rng, dropout, seed + 2);
        Output = new Linear<T>("out", hiddenSize, targetVocabulary, rng);
    }

    /// <summary>Source embeddings.</summary>
    public Embedding<T> SourceEmbedding { get; }

    /// <summary>Target embeddings.</summary>
    public Embedding<T> TargetEmbedding { get; }

    /// <summary>The encoder.</summary>
    public RecurrentStack<T> Encoder { get; }

    /// <summary>The decoder, started from the encoder's final state.</summary>
    public RecurrentStack<T> Decoder { get; }

    /// <summary>The decoder's output projection.</summary>
    public Linear<T> Output { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters =>
        [.. SourceEmbedding.Parameters, .. Encoder.Parameters, .. TargetEmbedding.Parameters, .. Decoder.Parameters, .. Output.Parameters];

    /// <summary>Summed cross-entropy of the targets under teacher forcing.</summary>
    /// <param name="sources">Source ids per example.</param>
    /// <param name="targets">Target ids per example, with start and end symbols (length ≥ 2).</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <exception cref="ArgumentException">The counts differ or a target is shorter than 2.</exception>
    public CrossEntropyResult Forward(IReadOnlyList<IReadOnlyList<int>> sources, IReadOnlyList<IReadOnlyList<int>> targets, bool training = true)
    {
        if (sources.Count != targets.Count) throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets.", nameof(targets));
        int bad = targets.ToList().FindIndex(t => t.Count < 2);
        if (bad >= 0) throw new ArgumentException($"Target {bad} needs a start and an end symbol (length ≥ 2).", nameof(targets));
        var src = PaddedIds.Create(sources, 0, left: true);
        var dec = PaddedIds.Create([.. targets.Select(t => (IReadOnlyList<int>)t.Take(t.Count - 1).ToArray())], 0);
        _batch = src.Batch; _srcTime = src.Time; _tgtTime = dec.Time;
        int E = SourceEmbedding.Dimension, V = Output.OutputSize, B = _batch;
        _srcIds = src.TimeMajor(); _tgtIds = dec.TimeMajor();
        Grow(ref _xs, _srcIds.Length * E); Grow(ref _xt, _tgtIds.Length * E); Grow(ref _logits, _tgtIds.Length * V);
        SourceEmbedding.Forward(_srcIds, _xs.AsSpan(0, _srcIds.Length * E));
        _encCache = Encoder.Forward(_xs.AsSpan(0, _srcIds.Length * E), _srcTime, B, default, default, training);
        var h0 = _encCache.HiddenAt(_srcTime); var c0 = _encCache.CellAt(_srcTime);   // the thought vector
        TargetEmbedding.Forward(_tgtIds, _xt.AsSpan(0, _tgtIds.Length * E));
        _decCache = Decoder.Forward(_xt.AsSpan(0, _tgtIds.Length * E), _tgtTime, B, h0, c0, training);
        var logits = _logits.AsSpan(0, _tgtIds.Length * V);
        Output.Forward(_decCache.Output, logits);
        var gold = new int[_tgtIds.Length];
        Array.Fill(gold, SoftmaxCrossEntropy<T>.IgnoreTarget);
        for (int b = 0; b < B; b++)
            for (int t = 1; t < targets[b].Count; t++) gold[(t - 1) * B + b] = targets[b][t];   // predict y_t from y_<t
        return _loss.Forward(logits, gold, V);
    }

    /// <summary>Summed cross-entropy of a batch of (source, target) pairs under teacher forcing: <see cref="Forward"/> on its inputs and targets.</summary>
    /// <param name="batch">Source ids (<see cref="SequenceBatch.Inputs"/>) and target ids with start and end symbols (<see cref="SequenceBatch.Targets"/>).</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <exception cref="ArgumentException">The counts differ or a target is shorter than 2.</exception>
    public CrossEntropyResult Loss(SequenceBatch batch, bool training)
        => EncoderDecoderTraining.Loss(batch, training, Forward);

    /// <summary>Sets the seed of the dropout masks of encoder and decoder for the next training batch.</summary>
    /// <param name="seed">The seed.</param>
    public void ReseedDropout(int seed)
        => EncoderDecoderTraining.ReseedDropout(seed, Encoder, Decoder);

    /// <summary>Backpropagates the mean loss of the last Forward through decoder, the thought vector and encoder.</summary>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public void Backward(int count)
    {
        if (_encCache is null || _decCache is null) throw new InvalidOperationException("Backward needs a Forward first.");
        int B = _batch, H = Output.InputSize, V = Output.OutputSize, E = SourceEmbedding.Dimension, L = Encoder.Layers;
        int nt = _tgtTime * B, ns = _srcTime * B;
        var dLogits = _logits.AsSpan(0, nt * V);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        Grow(ref _dDec, nt * H); Grow(ref _dxt, nt * E); Grow(ref _dxs, ns * E); Grow(ref _zeros, ns * H);
        Output.Backward(_decCache.Output, dLogits, _dDec.AsSpan(0, nt * H));
        var dh0 = new T[L * B * H];
        var dc0 = Decoder.HasCell ? new T[L * B * H] : [];
        Decoder.Backward(_decCache, _dDec.AsSpan(0, nt * H), default, default, _dxt.AsSpan(0, nt * E), dh0, dc0);
        TargetEmbedding.Backward(_tgtIds, _dxt.AsSpan(0, nt * E));
        var zeros = _zeros.AsSpan(0, ns * H);
        zeros.Clear();
        Encoder.Backward(_encCache, zeros, dh0, dc0, _dxs.AsSpan(0, ns * E), default, default);   // the gradient enters at h_T
        SourceEmbedding.Backward(_srcIds, _dxs.AsSpan(0, ns * E));
    }

    /// <summary>A decoder conditioned on one source sentence, for <see cref="Samplers"/> (greedy, sampling, beam search).</summary>
    /// <param name="source">Source ids.</param>
    public IAutoregressiveModel Conditioned(IReadOnlyList<int> source)
    {
        var x = new T[source.Count * SourceEmbedding.Dimension];
        SourceEmbedding.Forward(source.ToArray(), x);
        var cache = Encoder.Forward(x, source.Count, 1, default, default, training: false);
        return new ConditionedDecoder(this, new RecurrentState<T>(cache.HiddenAt(source.Count), cache.CellAt(source.Count)));
    }

    private sealed class ConditionedDecoder(EncoderDecoder<T> model, RecurrentState<T> start) : IAutoregressiveModel
    {
        public int VocabularySize => model.Output.OutputSize;

        public object InitialState() => start;

        public double[] Step(object state, int token, out object next)
        {
            var s = (RecurrentState<T>)state;
            var x = new T[model.TargetEmbedding.Dimension];
            model.TargetEmbedding.Forward([token], x);
            var cache = model.Decoder.Forward(x, 1, 1, s.H, s.C, training: false);
            next = new RecurrentState<T>(cache.HiddenAt(1), cache.CellAt(1));
            var logits = new T[VocabularySize];
            model.Output.Forward(cache.Output, logits);
            return [.. logits.Select(double.CreateTruncating)];
        }
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
