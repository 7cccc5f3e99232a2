using System.Numerics;
using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Models;

/// <summary>A recurrent language model: x_t = E w_t, h_t = cell(x_t, h_{t-1}) (L layers), ŷ_t = softmax(U h_t + b).</summary>
/// <remarks>
/// Works for characters or words alike; only the vocabulary differs. Batches come batch-first, [batch, time] token ids
/// (as the data loaders produce them); internally the sequence runs time-major. Targets equal to -1 are masked.
/// Taught in notebooks/04_neural_language_models.ipynb (RNN) and 07 (LSTM/GRU).
/// </remarks>
public sealed class RecurrentLanguageModel<T> : ITrainableModel<T, LmBatch>, IAutoregressiveModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private int[] _ids = [], _targets = [];
    private T[] _x = [], _logits = [], _dx = [], _dh = [];
    private IRecurrentCache<T>? _cache;
    private RecurrentState<T>? _trainingCarry, _evaluationCarry;
    private int _time, _batch;
    private readonly int _inputSize;

    /// <summary>Creates a model with seeded initial weights.</summary>
    /// <param name="config">Sizes and cell.</param>
    /// <param name="seed">Seed for weights and dropout.</param>
    public RecurrentLanguageModel(LanguageModelConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var rng = new Random(seed);
        _inputSize = config.OneHotInput ? config.VocabularySize : config.EmbeddingSize;
        Embedding = new Embedding<T>("emb", config.VocabularySize, _inputSize, rng);
        if (config.OneHotInput) Init.Identity<T>(Embedding.Weight.Value, config.VocabularySize, config.VocabularySize);   // E = I: x_t = e_{w_t}, not trained
        Recurrent = RecurrentStack<T>.Create(config.Cell, config.Cell.ToString().ToLowerInvariant(), _inputSize,
            config.HiddenSize, config.Layers, rng, config.Dropout, seed + 1, config.ForgetBias, updateGateBias: config.UpdateGateBias);
        Output = new Linear<T>("out", config.HiddenSize, config.VocabularySize, rng);
    }

    /// <summary>The configuration.</summary>
    public LanguageModelConfig Config { get; }

    /// <summary>Token embeddings E [|V|, embedding]; with <see cref="LanguageModelConfig.OneHotInput"/> the fixed identity [|V|, |V|], not a parameter.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>The recurrent layers.</summary>
    public RecurrentStack<T> Recurrent { get; }

    /// <summary>The output projection U [|V|, H], b [|V|].</summary>
    public Linear<T> Output { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => Config.OneHotInput
        ? [.. Recurrent.Parameters, .. Output.Parameters]
        : [.. Embedding.Parameters, .. Recurrent.Parameters, .. Output.Parameters];

    /// <inheritdoc />
    public int VocabularySize => Config.VocabularySize;

    /// <summary>The cache of the last Forward (for diagnostics: gate activations, hidden-state gradients).</summary>
    public IRecurrentCache<T>? LastCache => _cache;

    /// <summary>A zero state for <paramref name="batch"/> sequences.</summary>
    public RecurrentState<T> ZeroState(int batch)
    {
        int n = Config.Layers * batch * Config.HiddenSize;
        return new RecurrentState<T>(new T[n], Recurrent.HasCell ? new T[n] : []);
    }

    /// <summary>Runs the model over a batch and returns the summed loss; keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="inputs">Input ids [batch, time].</param>
    /// <param name="targets">Target ids [batch, time] (usually the inputs shifted by one); -1 masks a position.</param>
    /// <param name="batch">Sequences in the batch.</param>
    /// <param name="time">Steps per sequence.</param>
    /// <param name="state">Initial state (carried from the previous window), or null for zeros.</param>
    /// <param name="training">Whether dropout is active.</param>
    /// <param name="lossFrom">Positions t &lt; lossFrom are masked (truncated BPTT with k2 &gt; k1 scores only the last k1 steps).</param>
    /// <exception cref="ArgumentException">The lengths do not match batch·time.</exception>
    public CrossEntropyResult Forward(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch, int time,
        RecurrentState<T>? state = null, bool training = true, int lossFrom = 0)
    {
        if (inputs.Length != batch * time) throw new ArgumentException($"inputs has {inputs.Length} ids, expected batch {batch} × time {time}.", nameof(inputs));
        if (targets.Length != batch * time) throw new ArgumentException($"targets has {targets.Length} ids, expected batch {batch} × time {time}.", nameof(targets));
        _time = time; _batch = batch;
        int n = batch * time, H = Config.HiddenSize, V = Config.VocabularySize;
        Grow(ref _ids, n); Grow(ref _targets, n);
        Grow(ref _x, n * _inputSize); Grow(ref _logits, n * V);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
            {
                _ids[t * batch + b] = inputs[b * time + t];                       // to time-major
                _targets[t * batch + b] = t < lossFrom ? SoftmaxCrossEntropy<T>.IgnoreTarget : targets[b * time + t];
            }
        var ids = _ids.AsSpan(0, n);
        var x = _x.AsSpan(0, n * _inputSize);
        Embedding.Forward(ids, x);                                                 // x_t = E w_t
        _cache = Recurrent.Forward(x, time, batch, state is null ? default : state.H, state is null ? default : state.C, training);
        var logits = _logits.AsSpan(0, n * V);
        Output.Forward(_cache.Output, logits);                                     // s_t = U h_t + b
        return _loss.Forward(logits, _targets.AsSpan(0, n), V);                    // Σ -log ŷ_t[w_{t+1}]
    }

    /// <summary>Runs the model over one window of a token stream, starting from the state the previous window of the
    /// same stream left (a fresh zero state at window 0), and returns the summed loss of its scored steps.</summary>
    /// <param name="batch">A window from <see cref="StreamBatches"/>: ids [batch, steps], the steps it scores, and where the next window's state is taken.</param>
    /// <param name="training">Training mode: dropout on, and the training stream's state carried; otherwise the evaluation stream's.</param>
    /// <remarks>Truncated BPTT: the carried state is a copy (detached), so gradients stop at the window's start.
    /// Training and evaluation carry separate states, so validation in the middle of a run leaves training's alone.</remarks>
    public CrossEntropyResult Loss(LmBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ref var carry = ref training ? ref _trainingCarry : ref _evaluationCarry;
        if (batch.Index == 0) carry = null;                                        // a new epoch starts from zeros
        var result = Forward(batch.Inputs, batch.Targets, batch.BatchSize, batch.Steps, carry, training, batch.ScoredFrom);
        carry = StateAfter(batch.CarryAt ?? batch.Steps);
        return result;
    }

    /// <summary>Sets the seed of the dropout masks of the recurrent layers for the next training window.</summary>
    /// <param name="seed">The seed.</param>
    public void ReseedDropout(int seed) => Recurrent.Reseed(seed);

    /// <summary>The training stream's carried state: <c>state/h</c> [layers, batch, hidden] and, for an LSTM, <c>state/c</c>; empty before the first window.</summary>
    public IReadOnlyList<NamedBuffer<T>> CarriedState => _trainingCarry is not { } s ? []
        : s.C.Length > 0 ? [new("state/h", s.H), new("state/c", s.C)] : [new("state/h", s.H)];

    /// <summary>Restores the training stream's carried state from a checkpoint (none saved: the next window starts from zeros).</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <exception cref="InvalidDataException">A saved state has another length than this model's state for that batch size.</exception>
    public void RestoreCarriedState(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _trainingCarry = null;
        if (!checkpoint.Has("state/h")) return;
        var saved = checkpoint.Tensors["state/h"];
        var h = new T[saved.Length];
        Checkpoint.Copy(checkpoint.Buffer("state/h", h.Length), h);
        var c = Recurrent.HasCell ? new T[h.Length] : [];
        if (c.Length > 0) Checkpoint.Copy(checkpoint.Buffer("state/c", c.Length), c);
        _trainingCarry = new RecurrentState<T>(h, c);
    }

    /// <summary>Backpropagates the mean loss of the last <see cref="Forward"/> through time; accumulates gradients.</summary>
    /// <param name="count">Divide by this count (the unmasked positions of the Forward, i.e. its result's Count).</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public void Backward(int count)
    {
        if (_cache is null) throw new InvalidOperationException("Backward needs a Forward first.");
        int n = _batch * _time, H = Config.HiddenSize, V = Config.VocabularySize;
        var dLogits = _logits.AsSpan(0, n * V);                                    // reused in place: logits are no longer needed
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));    // ∂s = (ŷ - y) / count
        Grow(ref _dh, n * H);
        var dh = _dh.AsSpan(0, n * H);
        Output.Backward(_cache.Output, dLogits, dh);                               // ∂h_t = Uᵀ ∂s_t
        if (Config.OneHotInput)
        {
            Recurrent.Backward(_cache, dh, default, default, default, default, default);   // BPTT; one-hot inputs take no gradient
            return;
        }
        Grow(ref _dx, n * _inputSize);
        var dx = _dx.AsSpan(0, n * _inputSize);
        Recurrent.Backward(_cache, dh, default, default, dx, default, default);    // BPTT
        Embedding.Backward(_ids.AsSpan(0, n), dx);                                 // ∂E[w_t] += ∂x_t
    }

    /// <summary>The state after <paramref name="step"/> steps of the last Forward (a copy, i.e. detached).</summary>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public RecurrentState<T> StateAfter(int step)
    {
        if (_cache is null) throw new InvalidOperationException("No Forward ran.");
        return new RecurrentState<T>(_cache.HiddenAt(step), _cache.CellAt(step));
    }

    /// <summary>The final state of the last Forward, detached.</summary>
    public RecurrentState<T> FinalState => StateAfter(_time);

    /// <inheritdoc />
    public object InitialState() => ZeroState(1);

    /// <inheritdoc />
    public double[] Step(object state, int token, out object next)
    {
        var s = state as RecurrentState<T> ?? throw new ArgumentException("Not a state of this model.", nameof(state));
        ReadOnlySpan<int> ids = [token];
        ReadOnlySpan<int> none = [SoftmaxCrossEntropy<T>.IgnoreTarget];
        Forward(ids, none, 1, 1, s, training: false);
        next = FinalState;
        var logits = new double[VocabularySize];
        for (int v = 0; v < logits.Length; v++) logits[v] = double.CreateTruncating(_logits[v]);
        return logits;
    }

    /// <summary>Scores every token of a stream after the first exactly once: one sequence (batch 1) read in windows of
    /// <paramref name="window"/> steps with the state carried from window to window, the last window shorter when the
    /// stream does not divide evenly. This is lecture 04's leaderboard protocol.</summary>
    /// <remarks>Unlike <see cref="Evaluate"/>, which splits the stream into parallel rows of whole windows and drops the
    /// remainder, nothing is left out: the result's Count is tokens.Count − 1, and because the state carries over, the
    /// loss equals feeding the stream one token at a time (the window size changes only the speed and rounding).</remarks>
    /// <param name="tokens">The stream (at least 2 tokens).</param>
    /// <param name="window">Steps per forward call.</param>
    /// <returns>Σ −log p(token_{t+1} | tokens_{≤t}) in nats, over tokens.Count − 1 positions.</returns>
    /// <exception cref="ArgumentException">The stream has fewer than 2 tokens.</exception>
    public CrossEntropyResult ScoreStream(IReadOnlyList<int> tokens, int window = 200)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (tokens.Count < 2) throw new ArgumentException($"The stream has {tokens.Count} token(s); scoring needs at least 2.", nameof(tokens));
        var ids = tokens as int[] ?? [.. tokens];
        var total = new CrossEntropyResult(0, 0);
        RecurrentState<T>? state = null;
        for (int start = 0; start < ids.Length - 1; start += window)
        {
            int len = Math.Min(window, ids.Length - 1 - start);
            total += Forward(ids.AsSpan(start, len), ids.AsSpan(start + 1, len), 1, len, state, training: false);
            state = FinalState;                                                   // carried: the next window continues the stream
        }
        return total;
    }

    /// <summary>Mean loss over a token stream, evaluated in [batch] parallel streams of windows of <paramref name="time"/> steps with carried state.</summary>
    /// <param name="tokens">The stream.</param>
    /// <param name="batch">Parallel streams.</param>
    /// <param name="time">Window length.</param>
    /// <param name="maxTokens">Evaluate at most this many positions (0 = all).</param>
    public CrossEntropyResult Evaluate(IReadOnlyList<int> tokens, int batch = 32, int time = 100, int maxTokens = 0)
    {
        var batches = new StreamBatches(tokens, batch, time);
        int windows = batches.WindowsPerEpoch;
        if (maxTokens > 0) windows = Math.Min(windows, Math.Max(1, maxTokens / (batch * time)));
        var total = new CrossEntropyResult(0, 0);
        RecurrentState<T>? state = null;
        var inp = new int[batch * time]; var tgt = new int[batch * time];
        for (int w = 0; w < windows; w++)
        {
            batches.Fill(w, inp, tgt);
            total += Forward(inp, tgt, batch, time, state, training: false);
            state = FinalState;
        }
        return total;
    }

    private static void Grow<TE>(ref TE[] a, int n)
    {
        if (a.Length < n) a = new TE[n];
    }
}
