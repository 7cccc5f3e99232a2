using DeepNlp.Data;
using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Models;

/// <summary>A causal Transformer language model: x⁰_t = E w_t + P_t, xˡ = Blockˡ(xˡ⁻¹) (causal self-attention),
/// ŷ_t = softmax(U LN(x^L_t) + b).</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// <para>Characters or subwords alike: the model only sees ids. Batches come batch-first, [batch, time] token ids, as
/// for <see cref="RecurrentLanguageModel{T}"/>, and targets equal to -1 are masked. There is no state between windows:
/// each window is its own context of at most <see cref="TransformerConfig.MaxLength"/> tokens.</para>
/// <para>The PyTorch equivalent (bench/peers/torch_transformer.py, tests/DeepNlp.Tests/fixtures/transformer/make.py) is
/// <c>tok_emb = nn.Embedding(V, E)</c>, <c>pos_emb = nn.Embedding(maxLength, E)</c>, <c>layers</c> = L ×
/// <c>nn.TransformerEncoderLayer(E, h, F, dropout=0, activation="gelu", batch_first=True, norm_first=True)</c> run with a
/// causal mask, <c>ln_f = nn.LayerNorm(E)</c> and <c>head = nn.Linear(E, V)</c>; <see cref="StateDict"/> and
/// <see cref="LoadStateDict(IReadOnlyList{NamedTensor})"/> use its state_dict names and layouts. Embeddings are
/// initialised N(0, 0.02²) as GPT-2 (nn.Embedding's default is N(0, 1)); the blocks as PyTorch initialises them.</para>
/// <para>Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class TransformerLanguageModel<T> : ITrainableModel<T, LmBatch>, IAutoregressiveModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SoftmaxCrossEntropy<T> _loss = new();
    private int[] _ids = [];
    private T[] _x = [], _y = [], _hf = [], _logits = [];
    private int _batch, _time = -1;

    /// <summary>Creates a model with seeded initial weights.</summary>
    /// <param name="config">Sizes.</param>
    /// <param name="seed">Seed for the initial weights.</param>
    /// <exception cref="ArgumentException">h does not divide E.</exception>
    public TransformerLanguageModel(TransformerConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var rng = new Random(seed);
        TokenEmbedding = new Embedding<T>("tok_emb", config.VocabularySize, config.ModelSize, rng);
        Init.Normal<T>(TokenEmbedding.Weight.Value, 0, 0.02, rng);
        Positions = new PositionalEmbedding<T>("pos_emb", config.MaxLength, config.ModelSize, rng, std: 0.02);
        Blocks = [.. Enumerable.Range(0, config.Layers).Select(l =>
            new TransformerBlock<T>($"layers.{l}", config.ModelSize, config.Heads, config.FeedForwardSize, rng))];
        FinalNorm = new LayerNorm<T>("ln_f", config.ModelSize);
        Output = new Linear<T>("head", config.ModelSize, config.VocabularySize, rng);
    }

    /// <summary>The configuration.</summary>
    public TransformerConfig Config { get; }

    /// <summary>Token embeddings E [|V|, E].</summary>
    public Embedding<T> TokenEmbedding { get; }

    /// <summary>Learned positions P [maxLength, E].</summary>
    public PositionalEmbedding<T> Positions { get; }

    /// <summary>The L blocks, bottom first.</summary>
    public IReadOnlyList<TransformerBlock<T>> Blocks { get; }

    /// <summary>The LayerNorm after the last block (pre-norm blocks leave the stream unnormalised).</summary>
    public LayerNorm<T> FinalNorm { get; }

    /// <summary>The output projection U [|V|, E], b [|V|].</summary>
    public Linear<T> Output { get; }

    /// <inheritdoc />
    /// <remarks>In the PyTorch module's state_dict order.</remarks>
    public IReadOnlyList<Parameter<T>> Parameters =>
        [.. TokenEmbedding.Parameters, .. Positions.Parameters, .. Blocks.SelectMany(b => b.Parameters), .. FinalNorm.Parameters, .. Output.Parameters];

    /// <inheritdoc />
    public int VocabularySize => Config.VocabularySize;

    /// <summary>The logits of the last Forward [batch, time, |V|].</summary>
    public ReadOnlySpan<T> Logits => _logits.AsSpan(0, _batch * Math.Max(0, _time) * VocabularySize);

    /// <summary>Runs the model over a batch and returns the summed loss; keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="inputs">Input ids [batch, time].</param>
    /// <param name="targets">Target ids [batch, time] (usually the inputs shifted by one); -1 masks a position.</param>
    /// <param name="batch">Sequences in the batch.</param>
    /// <param name="time">Positions per sequence, at most <see cref="TransformerConfig.MaxLength"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not match batch·time, or time exceeds the maximum length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public CrossEntropyResult Forward(ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch, int time)
    {
        if (inputs.Length != batch * time) throw new ArgumentException($"inputs has {inputs.Length} ids, expected batch {batch} × time {time}.", nameof(inputs));
        if (targets.Length != batch * time) throw new ArgumentException($"targets has {targets.Length} ids, expected batch {batch} × time {time}.", nameof(targets));
        if (time > Config.MaxLength) throw new ArgumentException($"time {time} exceeds the model's {Config.MaxLength} positions.", nameof(time));
        int N = batch * time, E = Config.ModelSize, V = Config.VocabularySize;
        (_batch, _time) = (batch, time);
        Grow(ref _ids, N); Grow(ref _x, N * E); Grow(ref _y, N * E); Grow(ref _hf, N * E); Grow(ref _logits, N * V);
        inputs.CopyTo(_ids);
        Span<T> x = _x.AsSpan(0, N * E), y = _y.AsSpan(0, N * E);
        TokenEmbedding.Forward(inputs, x);                               // x_t = E w_t
        Positions.Forward(x, batch, time);                               //     + P_t
        foreach (var block in Blocks)
        {
            block.Forward(x, batch, time, causal: true, default, y);     // xˡ = Blockˡ(xˡ⁻¹)
            var swap = x; x = y; y = swap;
        }
        var hf = _hf.AsSpan(0, N * E);
        FinalNorm.Forward(x, hf);                                        // h = LN(x^L)
        var logits = _logits.AsSpan(0, N * V);
        Output.Forward(hf, logits);                                      // s_t = U h_t + b
        return _loss.Forward(logits, targets, V);                        // Σ -log ŷ_t[w_{t+1}]
    }

    /// <summary>The summed loss of one window for <see cref="Trainer"/>.Fit: <see cref="Forward"/> on the batch, with the
    /// targets before <see cref="LmBatch.ScoredFrom"/> masked out. Each window is its own context, so nothing is carried
    /// from one batch to the next, and the model has no dropout, so <paramref name="training"/> changes nothing.</summary>
    /// <param name="batch">Inputs and targets [batch, steps].</param>
    /// <param name="training">Training or evaluation (the same computation for this model).</param>
    public CrossEntropyResult Loss(LmBatch batch, bool training)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var targets = batch.Targets;
        if (batch.ScoredFrom > 0)
        {
            targets = (int[])targets.Clone();
            for (int b = 0; b < batch.BatchSize; b++)
                Array.Fill(targets, SoftmaxCrossEntropy<T>.IgnoreTarget, b * batch.Steps, Math.Min(batch.ScoredFrom, batch.Steps));
        }
        return Forward(batch.Inputs, targets, batch.BatchSize, batch.Steps);
    }

    /// <summary>Backpropagates the mean loss of the last <see cref="Forward"/>; accumulates every parameter's gradient.</summary>
    /// <param name="count">Divide by this count (the unmasked positions of the Forward, i.e. its result's Count).</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    public void Backward(int count)
    {
        if (_time < 0) throw new InvalidOperationException("Backward needs a Forward first.");
        int N = _batch * _time, E = Config.ModelSize, V = Config.VocabularySize;
        var dLogits = _logits.AsSpan(0, N * V);                          // reused in place: logits are no longer needed
        _loss.Backward(dLogits, T.CreateTruncating(1.0 / Math.Max(1, count)));   // ∂s = (ŷ - y) / count
        Span<T> dh = _x.AsSpan(0, N * E), d = _y.AsSpan(0, N * E), other = _hf.AsSpan(0, N * E);
        Output.Backward(_hf.AsSpan(0, N * E), dLogits, dh);             // ∂h_t = Uᵀ ∂s_t   (h is not needed after this)
        FinalNorm.Backward(dh, d);                                       // ∂x^L
        for (int l = Blocks.Count - 1; l >= 0; l--)
        {
            Blocks[l].Backward(d, other);                                // ∂xˡ⁻¹
            var swap = d; d = other; other = swap;
        }
        Positions.Backward(d, _batch, _time);                            // ∂P_t += Σ_b ∂x⁰_t
        TokenEmbedding.Backward(_ids.AsSpan(0, N), d);                   // ∂E[w_t] += ∂x⁰_t
    }

    /// <summary>The parameters under PyTorch's state_dict names, in its order, widened to double.</summary>
    /// <returns>One tensor per parameter: <c>tok_emb.weight</c>, <c>pos_emb.weight</c>, <c>layers.0.self_attn.in_proj_weight</c>, …, <c>head.bias</c>.</returns>
    public IReadOnlyList<NamedTensor> StateDict() =>
        [.. Parameters.Select(p => new NamedTensor(TorchName(p.Name), [.. p.Shape], [.. p.Value.Select(v => double.CreateTruncating(v))]))];

    /// <summary>Copies weights from a PyTorch state dict (names and shapes as <see cref="StateDict"/>).</summary>
    /// <param name="tensors">The tensors, in any order; extra names are an error, as in PyTorch's strict loading.</param>
    /// <exception cref="ArgumentException">A parameter is missing, a name is unknown, or a shape differs; the message names it.</exception>
    public void LoadStateDict(IReadOnlyList<NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var byName = tensors.ToDictionary(t => t.Name);
        var known = Parameters.ToDictionary(p => TorchName(p.Name));
        foreach (var name in byName.Keys)
            if (!known.ContainsKey(name)) throw new ArgumentException($"Unexpected tensor '{name}' in the state dict.", nameof(tensors));
        foreach (var (name, p) in known)
        {
            if (!byName.TryGetValue(name, out var t)) throw new ArgumentException($"Missing tensor '{name}' {p.ShapeText} in the state dict.", nameof(tensors));
            if (!t.Shape.SequenceEqual(p.Shape))
                throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the model needs {p.ShapeText}.", nameof(tensors));
            for (int i = 0; i < p.Length; i++) p.Value[i] = T.CreateTruncating(t.Values[i]);
        }
    }

    /// <summary>Writes the weights in <see cref="StateDictFile"/>'s JSON format (loadable into the PyTorch module), atomically.</summary>
    /// <param name="path">Target file.</param>
    public void SaveStateDict(string path) => StateDictFile.Write(path, StateDict());

    /// <summary>Reads weights written by <see cref="SaveStateDict"/> or from PyTorch in <see cref="StateDictFile"/>'s format.</summary>
    /// <param name="path">A state-dict JSON file.</param>
    /// <exception cref="ArgumentException">A name or shape does not match the model.</exception>
    /// <exception cref="InvalidDataException">The file is not in the format.</exception>
    public void LoadStateDict(string path) => LoadStateDict(StateDictFile.Read(path));

    /// <summary>The PyTorch name of a kit parameter name: the kit's <see cref="Linear{T}"/> and <see cref="Embedding{T}"/> call
    /// their tensors <c>.W</c>, <c>.b</c> and <c>.E</c>; PyTorch calls them <c>.weight</c> and <c>.bias</c>.</summary>
    /// <param name="name">A name from <see cref="Parameters"/>.</param>
    /// <returns>The state_dict key.</returns>
    public static string TorchName(string name) =>
        name.EndsWith(".W", StringComparison.Ordinal) || name.EndsWith(".E", StringComparison.Ordinal) ? name[..^2] + ".weight"
        : name.EndsWith(".b", StringComparison.Ordinal) ? name[..^2] + ".bias"
        : name;

    /// <inheritdoc />
    /// <remarks>The state is the token history (an immutable <c>int[]</c>).</remarks>
    public object InitialState() => Array.Empty<int>();

    /// <inheritdoc />
    /// <remarks>Without a key/value cache: each step runs the model over the last <see cref="TransformerConfig.MaxLength"/>
    /// tokens of the history and returns the logits at the last position; simple, and fast enough for sampling a few
    /// hundred characters.</remarks>
    /// <exception cref="ArgumentException">The state is not one of this model's.</exception>
    public double[] Step(object state, int token, out object next)
    {
        var history = state as int[] ?? throw new ArgumentException("Not a state of this model.", nameof(state));
        int[] extended = [.. history, token];
        next = extended;
        int time = Math.Min(extended.Length, Config.MaxLength);
        var window = extended.AsSpan(extended.Length - time);
        var none = new int[time];
        Array.Fill(none, SoftmaxCrossEntropy<T>.IgnoreTarget);
        Forward(window, none, 1, time);
        var logits = new double[VocabularySize];
        var last = _logits.AsSpan((time - 1) * VocabularySize, VocabularySize);
        for (int v = 0; v < logits.Length; v++) logits[v] = double.CreateTruncating(last[v]);
        return logits;
    }

    /// <summary>Summed loss over a token stream, cut into [batch] parallel streams of independent windows of <paramref name="time"/> tokens.</summary>
    /// <param name="tokens">The stream.</param>
    /// <param name="batch">Parallel streams.</param>
    /// <param name="time">Window length (the context), at most <see cref="TransformerConfig.MaxLength"/>.</param>
    /// <param name="maxTokens">Evaluate at most about this many positions (0 = all).</param>
    /// <returns>The summed loss and the count; its Mean is nats per token.</returns>
    /// <remarks>Each window starts with an empty context, so early positions of a window see less history than a recurrent
    /// model carrying its state would.</remarks>
    public CrossEntropyResult Evaluate(IReadOnlyList<int> tokens, int batch = 32, int time = 128, int maxTokens = 0)
    {
        var batches = new StreamBatches(tokens, batch, time);
        int windows = batches.WindowsPerEpoch;
        if (maxTokens > 0) windows = Math.Min(windows, Math.Max(1, maxTokens / (batch * time)));
        var total = new CrossEntropyResult(0, 0);
        var inp = new int[batch * time]; var tgt = new int[batch * time];
        for (int w = 0; w < windows; w++)
        {
            batches.Fill(w, inp, tgt);
            total += Forward(inp, tgt, batch, time);
        }
        return total;
    }

    private static void Grow<TE>(ref TE[] a, int n)
    {
        if (a.Length < n) a = new TE[n];
    }
}
