using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Models;

/// <summary>A sequence-to-sequence model with attention: the decoder looks back at every encoder state at every step
/// instead of relying on one thought vector alone.</summary>
/// <remarks>
/// <para>The attention sits on top of the decoder RNN, as in Luong et al. 2015 (without their input feeding):
/// s_t = decoder state after y_{&lt;t}; c_t = Σ_j α_tj h_j with α_t = softmax_j(score(s_t, h_j)) over the real source
/// positions; h̃_t = tanh(W_c [c_t ; s_t] + b_c); p(y_t | y_{&lt;t}, x) = softmax(W_o h̃_t + b_o). The score is additive
/// (Bahdanau) or multiplicative (Luong "general" or "dot"), chosen by <see cref="AttentionKind"/>. Because the decoder
/// RNN does not read c_{t-1}, teacher-forced training runs it over the whole target at once, and attention is one
/// batched step after it.</para>
/// <para>Bidirectional encoder (<c>bidirectional: true</c>), as Bahdanau et al. 2015 §3.2 and appendix A: a second
/// stack <see cref="EncoderBackward"/> reads each source right to left, and the annotation of position j is
/// h_j = [h→_j ; h←_j] (2H wide; the attention's memory and c_t are 2H, so W_c is [H, 3H]). The decoder starts from
/// s_0 = tanh(W_s h←_1 + b_s) (<see cref="Bridge"/>, [H, H]), where h←_1 is the backward stack's state after it has read
/// the whole source back to its first token (one bridge shared by all layers, applied to each layer's h←_1). Bahdanau et
/// al. use a GRU, which has no cell; for an LSTM decoder this kit's choice is c_0 = 0. With more than one layer each
/// direction is its own stack (unlike nn.LSTM(bidirectional=True, num_layers&gt;1), whose upper layers read both
/// directions). Dot attention needs equal query and key sizes, so it cannot be used with the 2H annotations.</para>
/// <para>Like <see cref="EncoderDecoder{T}"/>: sources are left-padded with id 0 (so the encoder's final state is the
/// state after the last real token, and it starts the decoder; the right-to-left stack reverses the whole padded source, so it
/// reads the real tokens first and its state at a real position never saw padding), padded source positions are masked out of the attention,
/// targets carry start and end symbols and are right-padded. Same public shape as <see cref="EncoderDecoder{T}"/>, plus
/// <see cref="Align"/> and <see cref="GreedyDecode"/>. Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class AttentionEncoderDecoder<T> : ITrainableModel<T, SequenceBatch> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private T[] _xs = [], _xt = [], _memory = [], _queries = [], _context = [], _cat = [], _tilde = [], _logits = [];
    private T[] _dTilde = [], _dCat = [], _dCtx = [], _dQ = [], _dMem = [], _dDec = [], _dEnc = [], _dxt = [], _dxs = [];
    private bool[] _mask = [];
    private int[] _srcIds = [], _tgtIds = [];
    private T[] _xr = [], _dxr = [], _dEncB = [], _bridgeIn = [], _bridgeOut = [];
    private IRecurrentCache<T>? _encCache, _encBackCache, _decCache;
    private int _srcTime, _tgtTime, _batch;

    /// <summary>Creates the model with seeded weights.</summary>
    /// <param name="sourceVocabulary">Source |V| (id 0 pads).</param>
    /// <param name="targetVocabulary">Target |V| (id 0 pads).</param>
    /// <param name="embeddingSize">Embedding dimension (both sides).</param>
    /// <param name="hiddenSize">H of every layer, of the attention and of h̃.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="attention">The score.</param>
    /// <param name="layers">Layers in encoder and decoder.</param>
    /// <param name="cell">Cell kind.</param>
    /// <param name="dropout">Dropout between layers.</param>
    /// <param name="bidirectional">Whether a right-to-left encoder adds h←_j to each annotation and starts the decoder
    /// through <see cref="Bridge"/> (Bahdanau et al.); false keeps the one-directional encoder whose final state starts
    /// the decoder.</param>
    /// <exception cref="ArgumentException">Dot attention with a bidirectional encoder (the sizes differ).</exception>
    public AttentionEncoderDecoder(int sourceVocabulary, int targetVocabulary, int embeddingSize, int hiddenSize, int seed,
        AttentionKind attention = AttentionKind.Additive, int layers = 1, CellKind cell = CellKind.Lstm, double dropout = 0,
        bool bidirectional = false)
    {
        if (bidirectional && attention == AttentionKind.Dot)
            throw new ArgumentException("Dot attention needs query and annotation sizes equal; a bidirectional encoder's annotations are 2H. Use General or Additive.", nameof(attention));
        var rng = new Random(seed);
        SourceEmbedding = new Embedding<T>("src_emb", sourceVocabulary, embeddingSize, rng);
        TargetEmbedding = new Embedding<T>("tgt_emb", targetVocabulary, embeddingSize, rng);
        Encoder = RecurrentStack<T>.Create(cell, "enc", embeddingSize, hiddenSize, layers, rng, dropout, seed + 1);
        Decoder = RecurrentStack<T>.Create(cell, "dec", embeddingSize, hiddenSize, layers, rng, dropout, seed + 2);
        AttentionKind = attention;
        int M = bidirectional ? 2 * hiddenSize : hiddenSize;                       // annotation width
        Attention = attention switch
        {
            AttentionKind.Additive => new AdditiveAttention<T>("att", hiddenSize, M, hiddenSize, rng),
            AttentionKind.General => new MultiplicativeAttention<T>("att", hiddenSize, M, rng),
            AttentionKind.Dot => new MultiplicativeAttention<T>("att", hiddenSize, hiddenSize, rng, general: false),
            _ => throw new ArgumentOutOfRangeException(nameof(attention), attention, "Unknown attention kind."),
        };
        Combine = new Linear<T>("combine", M + hiddenSize, hiddenSize, rng);
        Output = new Linear<T>("out", hiddenSize, targetVocabulary, rng);
        if (bidirectional)
        {
            // Drawn after every one-directional weight, so bidirectional: false keeps its initial weights for a seed.
            EncoderBackward = RecurrentStack<T>.Create(cell, "enc_reverse", embeddingSize, hiddenSize, layers, rng, dropout, seed + 3);
            Bridge = new Linear<T>("bridge", hiddenSize, hiddenSize, rng);
        }
    }

    /// <summary>Source embeddings.</summary>
    public Embedding<T> SourceEmbedding { get; }

    /// <summary>Target embeddings.</summary>
    public Embedding<T> TargetEmbedding { get; }

    /// <summary>The encoder; its outputs [time, batch, H] are the attention's memory.</summary>
    public RecurrentStack<T> Encoder { get; }

    /// <summary>The right-to-left encoder of a bidirectional model (null when one-directional).</summary>
    public RecurrentStack<T>? EncoderBackward { get; }

    /// <summary>W_s [H, H], b_s of a bidirectional model: s_0 = tanh(W_s h←_1 + b_s) (null when one-directional).</summary>
    public Linear<T>? Bridge { get; }

    /// <summary>Whether the encoder reads the source in both directions.</summary>
    public bool IsBidirectional => EncoderBackward is not null;

    /// <summary>The decoder, started from the encoder's final state (through <see cref="Bridge"/> when bidirectional);
    /// its outputs are the attention's queries.</summary>
    public RecurrentStack<T> Decoder { get; }

    /// <summary>Which score the attention uses.</summary>
    public AttentionKind AttentionKind { get; }

    /// <summary>The attention layer.</summary>
    public IAttention<T> Attention { get; }

    /// <summary>W_c [H, 2H], b_c: h̃_t = tanh(W_c [c_t ; s_t] + b_c).</summary>
    public Linear<T> Combine { get; }

    /// <summary>The output projection from h̃_t.</summary>
    public Linear<T> Output { get; }

    /// <summary>α of the last <see cref="Forward"/> [batch, target steps, source steps], source positions in padded
    /// (left-padded) order; padding weights are 0.</summary>
    public ReadOnlySpan<T> AttentionWeights => Attention.Weights;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters =>
        [.. SourceEmbedding.Parameters, .. Encoder.Parameters, .. EncoderBackward?.Parameters ?? [], .. Bridge?.Parameters ?? [],
         .. TargetEmbedding.Parameters, .. Decoder.Parameters, .. Attention.Parameters, .. Combine.Parameters, .. Output.Parameters];

    /// <summary>Summed cross-entropy of the targets under teacher forcing; keeps what Backward needs.</summary>
    /// <param name="sources">Source ids per example (at least one each).</param>
    /// <param name="targets">Target ids per example, with start and end symbols (length ≥ 2).</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <exception cref="ArgumentException">The counts differ, a source is empty or a target is shorter than 2.</exception>
    public CrossEntropyResult Forward(IReadOnlyList<IReadOnlyList<int>> sources, IReadOnlyList<IReadOnlyList<int>> targets, bool training = true)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        if (sources.Count != targets.Count) throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets.", nameof(targets));
        int bad = targets.ToList().FindIndex(t => t.Count < 2);
        if (bad >= 0) throw new ArgumentException($"Target {bad} needs a start and an end symbol (length ≥ 2).", nameof(targets));
        var logits = Run(sources, [.. targets.Select(t => (IReadOnlyList<int>)t.Take(t.Count - 1).ToArray())], training);
        int B = _batch, Tt = _tgtTime;
        var gold = new int[B * Tt];
        Array.Fill(gold, SoftmaxCrossEntropy<T>.IgnoreTarget);
        for (int b = 0; b < B; b++)
            for (int t = 1; t < targets[b].Count; t++) gold[b * Tt + t - 1] = targets[b][t];     // predict y_t from y_<t (batch-first rows)
        return _loss.Forward(logits, gold, Output.OutputSize);
    }

    /// <summary>The summed loss of one batch for <see cref="Trainer"/>.Fit: <see cref="Forward"/> on the batch's sources
    /// (<see cref="SequenceBatch.Inputs"/>) and targets.</summary>
    /// <param name="batch">Sources and targets.</param>
    /// <param name="training">Whether dropout is active.</param>
    public CrossEntropyResult Loss(SequenceBatch batch, bool training)
        => EncoderDecoderTraining.Loss(batch, training, Forward);

    /// <summary>Sets the seed of the dropout masks of encoder and decoder for the next training batch.</summary>
    /// <param name="seed">The seed.</param>
    public void ReseedDropout(int seed)
        => EncoderDecoderTraining.ReseedDropout(seed, Encoder, Decoder, EncoderBackward);

    /// <summary>Backpropagates the mean loss of the last Forward through output, attention, decoder and encoder.</summary>
    /// <param name="count">Divisor of the summed loss (usually the Forward result's Count).</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public void Backward(int count)
    {
        if (_encCache is null || _decCache is null) throw new InvalidOperationException("Backward needs a Forward first.");
        int B = _batch, Ts = _srcTime, Tt = _tgtTime, H = Combine.OutputSize, V = Output.OutputSize, E = SourceEmbedding.Dimension, L = Encoder.Layers;
        int M = MemorySize, C = M + H, nt = B * Tt, ns = B * Ts;
        var dLogits = _logits.AsSpan(0, nt * V);
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));
        AttentionKernels.Grow(ref _dTilde, nt * H); AttentionKernels.Grow(ref _dCat, nt * C); AttentionKernels.Grow(ref _dCtx, nt * M);
        AttentionKernels.Grow(ref _dQ, nt * H); AttentionKernels.Grow(ref _dMem, ns * M); AttentionKernels.Grow(ref _dDec, nt * H);
        AttentionKernels.Grow(ref _dEnc, ns * H); AttentionKernels.Grow(ref _dxt, nt * E); AttentionKernels.Grow(ref _dxs, ns * E);
        var tilde = _tilde.AsSpan(0, nt * H); var dTilde = _dTilde.AsSpan(0, nt * H); var dCat = _dCat.AsSpan(0, nt * C);
        var dCtx = _dCtx.AsSpan(0, nt * M); var dQ = _dQ.AsSpan(0, nt * H); var dMem = _dMem.AsSpan(0, ns * M);
        Output.Backward(tilde, dLogits, dTilde);                                       // ∂h̃
        Ops.TanhGrad<T>(dTilde, tilde, dTilde);                                         // ∂(W_c[c;s] + b_c) = ∂h̃ ⊙ (1 - h̃²)
        Combine.Backward(_cat.AsSpan(0, nt * C), dTilde, dCat);                         // ∂[c ; s]
        for (int r = 0; r < nt; r++) dCat.Slice(r * C, M).CopyTo(dCtx.Slice(r * M, M));
        Attention.Backward(dCtx, dQ, dMem);                                             // ∂s (score path), ∂h_j (key and value)
        for (int r = 0; r < nt; r++) Ops.AddInPlace<T>(dCat.Slice(r * C + M, H), dQ.Slice(r * H, H));   // + ∂s from [c ; s]
        var dDec = _dDec.AsSpan(0, nt * H);
        AttentionKernels.SwapAxes<T>(dQ, B, Tt, H, dDec);                               // back to time-major
        var dh0 = new T[L * B * H];
        var dc0 = Decoder.HasCell ? new T[L * B * H] : [];
        Decoder.Backward(_decCache, dDec, default, default, _dxt.AsSpan(0, nt * E), dh0, dc0);
        TargetEmbedding.Backward(_tgtIds, _dxt.AsSpan(0, nt * E));
        var dEnc = _dEnc.AsSpan(0, ns * H);
        if (EncoderBackward is null)
        {
            AttentionKernels.SwapAxes<T>(dMem, B, Ts, H, dEnc);
            Encoder.Backward(_encCache, dEnc, dh0, dc0, _dxs.AsSpan(0, ns * E), default, default);   // both paths: attention and the final state
        }
        else BackwardBidirectional(dMem, dh0, B, Ts, L);
        SourceEmbedding.Backward(_srcIds, _dxs.AsSpan(0, ns * E));
    }

    // Bidirectional encoder: ∂[h→_j ; h←_j] splits into the two stacks, ∂s_0 flows through the bridge into h←_1, and
    // ∂x_j = ∂x→_j + ∂x←_{Ts-1-j}. c_0 = 0 is a constant, so ∂c_0 goes nowhere.
    private void BackwardBidirectional(ReadOnlySpan<T> dMem, ReadOnlySpan<T> dh0, int B, int Ts, int L)
    {
        int H = Combine.OutputSize, E = SourceEmbedding.Dimension, M = 2 * H, ns = B * Ts;
        AttentionKernels.Grow(ref _dEncB, ns * H); AttentionKernels.Grow(ref _dxr, ns * E);
        var dFw = _dEnc.AsSpan(0, ns * H); var dBw = _dEncB.AsSpan(0, ns * H);
        for (int b = 0; b < B; b++)
            for (int j = 0; j < Ts; j++)
            {
                var row = dMem.Slice((b * Ts + j) * M, M);
                row[..H].CopyTo(dFw.Slice((j * B + b) * H, H));                       // h→_j sits at step j
                row[H..].CopyTo(dBw.Slice(((Ts - 1 - j) * B + b) * H, H));            // h←_j is the reversed stack's step Ts-1-j
            }
        var dPre = new T[L * B * H];
        Ops.TanhGrad<T>(dh0, _bridgeOut.AsSpan(0, L * B * H), dPre);                  // ∂(W_s h←_1 + b_s) = ∂s_0 ⊙ (1 - s_0²)
        var dFinal = new T[L * B * H];
        Bridge!.Backward(_bridgeIn.AsSpan(0, L * B * H), dPre, dFinal);               // ∂h←_1
        var dcFinal = EncoderBackward!.HasCell ? new T[L * B * H] : [];
        var dxs = _dxs.AsSpan(0, ns * E); var dxr = _dxr.AsSpan(0, ns * E);
        Encoder.Backward(_encCache!, dFw, default, default, dxs, default, default);
        EncoderBackward.Backward(_encBackCache!, dBw, dFinal, dcFinal, dxr, default, default);
        for (int j = 0; j < Ts; j++)
            Ops.AddInPlace<T>(dxr.Slice((Ts - 1 - j) * B * E, B * E), dxs.Slice(j * B * E, B * E));
    }

    private int MemorySize => EncoderBackward is null ? Combine.OutputSize : 2 * Combine.OutputSize;

    /// <summary>Teacher-forced attention weights of one (source, target) pair, for a heatmap.</summary>
    /// <param name="source">Source ids.</param>
    /// <param name="target">Target ids with start and end symbols; pass the start symbol plus a decoded output to see the alignment behind it.</param>
    /// <returns>α [target.Count - 1][source.Count]: row t is the attention when predicting target[t + 1].</returns>
    /// <exception cref="ArgumentException">The source is empty or the target is shorter than 2.</exception>
    public double[][] Align(IReadOnlyList<int> source, IReadOnlyList<int> target)
    {
        Forward([source], [target], training: false);
        int Ts = _srcTime, Tt = _tgtTime;
        var w = Attention.Weights.ToArray();
        return [.. Enumerable.Range(0, Tt).Select(t => Enumerable.Range(0, Ts).Select(j => double.CreateTruncating(w[t * Ts + j])).ToArray())];
    }

    /// <summary>Greedy decoding of a batch of sources at once: each step feeds back the most probable token.</summary>
    /// <param name="sources">Source ids per example.</param>
    /// <param name="startToken">The start symbol fed first.</param>
    /// <param name="endToken">Decoding of a sequence stops after it emits this symbol (not included in the result).</param>
    /// <param name="maxLength">Most tokens generated per sequence.</param>
    /// <returns>The decoded ids per source, without start and end symbols.</returns>
    public int[][] GreedyDecode(IReadOnlyList<IReadOnlyList<int>> sources, int startToken, int endToken, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(sources);
        int B = sources.Count, H = Combine.OutputSize, V = Output.OutputSize, E = TargetEmbedding.Dimension;
        var memory = Encode(sources, training: false, out var state, out var mask);
        int Ts = _srcTime;
        var outputs = Enumerable.Range(0, B).Select(_ => new List<int>()).ToArray();
        var done = new bool[B];
        var tokens = Enumerable.Repeat(startToken, B).ToArray();
        var x = new T[B * E]; var logits = new T[B * V];
        for (int step = 0; step < maxLength && done.Contains(false); step++)
        {
            TargetEmbedding.Forward(tokens, x);
            var cache = Decoder.Forward(x, 1, B, state.H, state.C, training: false);
            state = new RecurrentState<T>(cache.HiddenAt(1), cache.CellAt(1));
            Head(cache.Output, memory, mask, B, 1, Ts, logits);
            for (int b = 0; b < B; b++)
            {
                int best = 0;
                var row = logits.AsSpan(b * V, V);
                for (int v = 1; v < V; v++) if (row[v] > row[best]) best = v;
                tokens[b] = best;
                if (done[b]) continue;
                if (best == endToken) done[b] = true;
                else outputs[b].Add(best);
            }
        }
        return [.. outputs.Select(o => o.ToArray())];
    }

    /// <summary>A decoder conditioned on one source sentence, for <see cref="Samplers"/> and <see cref="BeamSearch"/>.</summary>
    /// <param name="source">Source ids.</param>
    public IAutoregressiveModel Conditioned(IReadOnlyList<int> source)
    {
        var memory = Encode([source], training: false, out var state, out _);
        return new ConditionedDecoder(this, memory.ToArray(), source.Count, state);
    }

    // Encoder over left-padded sources; returns the memory [batch, Ts, H] and the final state, sets _srcTime and the mask.
    private Span<T> Encode(IReadOnlyList<IReadOnlyList<int>> sources, bool training, out RecurrentState<T> final, out ReadOnlySpan<bool> mask)
    {
        int bad = sources.ToList().FindIndex(s => s.Count == 0);
        if (bad >= 0) throw new ArgumentException($"Source {bad} is empty.", nameof(sources));
        var src = PaddedIds.Create(sources, 0, left: true);
        int B = src.Batch, Ts = src.Time, E = SourceEmbedding.Dimension, H = Combine.OutputSize, M = MemorySize;
        _srcTime = Ts; _srcIds = src.TimeMajor();
        AttentionKernels.Grow(ref _xs, B * Ts * E); AttentionKernels.Grow(ref _memory, B * Ts * M); AttentionKernels.Grow(ref _mask, B * Ts);
        for (int b = 0; b < B; b++)
            for (int t = 0; t < Ts; t++) _mask[b * Ts + t] = t >= Ts - src.Lengths[b];           // real tokens sit at the end
        SourceEmbedding.Forward(_srcIds, _xs.AsSpan(0, B * Ts * E));
        _encCache = Encoder.Forward(_xs.AsSpan(0, B * Ts * E), Ts, B, default, default, training);
        var memory = _memory.AsSpan(0, B * Ts * M);
        mask = _mask.AsSpan(0, B * Ts);
        if (EncoderBackward is null)
        {
            final = new RecurrentState<T>(_encCache.HiddenAt(Ts), _encCache.CellAt(Ts));        // the thought vector
            AttentionKernels.SwapAxes<T>(_encCache.Output, Ts, B, H, memory);                    // [Ts, B, H] → [B, Ts, H]
            return memory;
        }
        AttentionKernels.Grow(ref _xr, B * Ts * E);
        var xs = _xs.AsSpan(0, B * Ts * E); var xr = _xr.AsSpan(0, B * Ts * E);
        for (int t = 0; t < Ts; t++) xs.Slice((Ts - 1 - t) * B * E, B * E).CopyTo(xr.Slice(t * B * E, B * E));   // x←_t = x_{Ts-1-t}
        _encBackCache = EncoderBackward.Forward(xr, Ts, B, default, default, training);
        var fw = _encCache.Output; var bw = _encBackCache.Output;
        for (int b = 0; b < B; b++)
            for (int j = 0; j < Ts; j++)
            {
                fw.Slice((j * B + b) * H, H).CopyTo(memory.Slice((b * Ts + j) * M, H));                  // [h→_j ;
                bw.Slice(((Ts - 1 - j) * B + b) * H, H).CopyTo(memory.Slice((b * Ts + j) * M + H, H));   //  h←_j]
            }
        int L = Encoder.Layers;
        AttentionKernels.Grow(ref _bridgeIn, L * B * H); AttentionKernels.Grow(ref _bridgeOut, L * B * H);
        var hBack = _encBackCache.HiddenAt(Ts);                                                   // h←_1: the whole source read backwards
        hBack.CopyTo(_bridgeIn.AsSpan());
        var s0 = _bridgeOut.AsSpan(0, L * B * H);
        Bridge!.Forward(hBack, s0);
        Ops.Tanh<T>(s0, s0);                                                                      // s_0 = tanh(W_s h←_1 + b_s)
        final = new RecurrentState<T>(s0.ToArray(), EncoderBackward.HasCell ? new T[L * B * H] : []);   // c_0 = 0
        return memory;
    }

    // Teacher-forced pass; returns logits [batch·Tt, V] in batch-first row order.
    private Span<T> Run(IReadOnlyList<IReadOnlyList<int>> sources, IReadOnlyList<IReadOnlyList<int>> decoderInputs, bool training)
    {
        var memory = Encode(sources, training, out var state, out var mask);
        var dec = PaddedIds.Create(decoderInputs, 0);
        int B = dec.Batch, Tt = dec.Time, Ts = _srcTime, E = TargetEmbedding.Dimension, V = Output.OutputSize;
        _batch = B; _tgtTime = Tt; _tgtIds = dec.TimeMajor();
        AttentionKernels.Grow(ref _xt, Tt * B * E); AttentionKernels.Grow(ref _logits, B * Tt * V);
        TargetEmbedding.Forward(_tgtIds, _xt.AsSpan(0, Tt * B * E));
        _decCache = Decoder.Forward(_xt.AsSpan(0, Tt * B * E), Tt, B, state.H, state.C, training);
        var logits = _logits.AsSpan(0, B * Tt * V);
        Head(_decCache.Output, memory, mask, B, Tt, Ts, logits);
        return logits;
    }

    // s [Tt, B, H] (time-major) → attention → h̃ → logits [B·Tt, V]; keeps queries, [c; s] and h̃ for Backward.
    private void Head(ReadOnlySpan<T> decoderStates, ReadOnlySpan<T> memory, ReadOnlySpan<bool> mask, int B, int Tt, int Ts, Span<T> logits)
    {
        int H = Combine.OutputSize, M = MemorySize, C = M + H, n = B * Tt;
        AttentionKernels.Grow(ref _queries, n * H); AttentionKernels.Grow(ref _context, n * M);
        AttentionKernels.Grow(ref _cat, n * C); AttentionKernels.Grow(ref _tilde, n * H);
        var queries = _queries.AsSpan(0, n * H); var context = _context.AsSpan(0, n * M);
        var cat = _cat.AsSpan(0, n * C); var tilde = _tilde.AsSpan(0, n * H);
        AttentionKernels.SwapAxes(decoderStates, Tt, B, H, queries);                              // [Tt, B, H] → [B, Tt, H]
        Attention.Forward(queries, memory, mask, B, Tt, Ts, context);                             // c_t = Σ_j α_tj h_j
        for (int r = 0; r < n; r++)
        {
            context.Slice(r * M, M).CopyTo(cat.Slice(r * C, M));                                  // [c_t ;
            queries.Slice(r * H, H).CopyTo(cat.Slice(r * C + M, H));                             //  s_t]
        }
        Combine.Forward(cat, tilde);
        Ops.Tanh<T>(tilde, tilde);                                                                // h̃_t = tanh(W_c [c_t ; s_t] + b_c)
        Output.Forward(tilde, logits);                                                            // logits = W_o h̃_t + b_o
    }

    private sealed class ConditionedDecoder(AttentionEncoderDecoder<T> model, T[] memory, int sourceLength, RecurrentState<T> start) : IAutoregressiveModel
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
            model.Head(cache.Output, memory, default, 1, 1, sourceLength, logits);
            return [.. logits.Select(double.CreateTruncating)];
        }
    }
}
