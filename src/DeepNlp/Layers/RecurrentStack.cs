using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Recurrent layers stacked in depth, each reading the previous one's outputs, with dropout between layers.</summary>
/// <remarks>
/// As nn.LSTM(num_layers = L, dropout = p): layer ℓ's input is layer ℓ-1's output h^{(ℓ-1)}_t after dropout; no dropout
/// follows the top layer. States are [layers, batch, hidden], layer 0 first, as PyTorch's h_0/h_n.
/// A one-layer stack is exactly its cell. Taught in notebooks/08_rnns_in_practice.ipynb.
/// <para>With <c>residual</c>, every layer above the bottom one adds its input to its output (a skip connection in depth, as in
/// the residual LSTM stacks of Wu et al. 2016, GNMT): y^{(ℓ)}_t = h^{(ℓ)}_t + x^{(ℓ)}_t, and y^{(ℓ)} is what goes up (and out, at
/// the top). Backward adds ∂y^{(ℓ)} to ∂x^{(ℓ)}, so the gradient reaches the bottom through an identity path as well as through
/// the cells. The recurrent states stay h^{(ℓ)}. PyTorch's nn.LSTM has no such option. Taught in
/// notebooks/06_vanishing_exploding_gradients.ipynb (skip connections).</para>
/// </remarks>
public sealed class RecurrentStack<T> : IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IRecurrentLayer<T>[] _layers;
    private readonly Dropout<T>[] _dropouts;
    private readonly Random _rng;
    private RecurrentStackCache<T>? _cache;
    private int? _rngSeed;

    /// <summary>Stacks the given layers; layer ℓ's input size must equal layer ℓ-1's hidden size.</summary>
    /// <param name="layers">Bottom layer first; all of one kind (all with a cell, or none).</param>
    /// <param name="dropout">Dropout probability between layers.</param>
    /// <param name="seed">Seed for the dropout masks.</param>
    /// <param name="residual">Add each upper layer's input to its output (y = h + x), see the remarks.</param>
    /// <exception cref="ArgumentException">The sizes do not chain, kinds are mixed, or the list is empty.</exception>
    public RecurrentStack(IReadOnlyList<IRecurrentLayer<T>> layers, double dropout = 0, int seed = 0, bool residual = false)
    {
        if (layers.Count == 0) throw new ArgumentException("A stack needs at least one layer.", nameof(layers));
        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].InputSize != layers[l - 1].HiddenSize)
                throw new ArgumentException($"Layer {l} expects input {layers[l].InputSize} but layer {l - 1} outputs {layers[l - 1].HiddenSize}.", nameof(layers));
            if (layers[l].HiddenSize != layers[0].HiddenSize || layers[l].HasCell != layers[0].HasCell)
                throw new ArgumentException("All layers of a stack need the same hidden size and kind.", nameof(layers));
        }
        _layers = [.. layers];
        _dropouts = [.. Enumerable.Range(0, layers.Count - 1).Select(_ => new Dropout<T>(dropout))];
        _rng = new Random(seed);
        DropoutProbability = dropout;
        Residual = residual;
    }

    /// <summary>Builds L layers of one kind.</summary>
    /// <param name="kind">Cell kind.</param>
    /// <param name="name">Name prefix; layer ℓ is called <c>name{ℓ}</c>.</param>
    /// <param name="inputSize">Features per input step of the bottom layer.</param>
    /// <param name="hiddenSize">H of every layer.</param>
    /// <param name="layers">L ≥ 1.</param>
    /// <param name="rng">Source of initial weights.</param>
    /// <param name="dropout">Dropout between layers.</param>
    /// <param name="seed">Seed for the dropout masks.</param>
    /// <param name="forgetBias">LSTM forget-gate bias.</param>
    /// <param name="residual">Add each upper layer's input to its output (y = h + x).</param>
    /// <param name="updateGateBias">GRU update-gate bias.</param>
    public static RecurrentStack<T> Create(CellKind kind, string name, int inputSize, int hiddenSize, int layers, Random rng,
        double dropout = 0, int seed = 0, double forgetBias = 0, bool residual = false, double updateGateBias = 0) =>
        new([.. Enumerable.Range(0, layers).Select(l => CreateCell(kind, name + l, l == 0 ? inputSize : hiddenSize, hiddenSize, rng, forgetBias, updateGateBias))],
            dropout, seed, residual);

    /// <summary>Creates one cell of the given kind.</summary>
    public static IRecurrentLayer<T> CreateCell(CellKind kind, string name, int inputSize, int hiddenSize, Random rng, double forgetBias = 0,
        double updateGateBias = 0) => kind switch
    {
        CellKind.Rnn => new Rnn<T>(name, inputSize, hiddenSize, rng),
        CellKind.RnnRelu => new Rnn<T>(name, inputSize, hiddenSize, rng, RnnActivation.Relu),
        CellKind.Lstm => new Lstm<T>(name, inputSize, hiddenSize, rng, forgetBias),
        CellKind.Gru => new Gru<T>(name, inputSize, hiddenSize, rng, updateGateBias),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cell kind."),
    };

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<IRecurrentLayer<T>> Cells => _layers;

    /// <summary>Dropout probability between layers.</summary>
    public double DropoutProbability { get; }

    /// <summary>Whether each layer above the bottom one adds its input to its output (y = h + x).</summary>
    public bool Residual { get; }

    /// <summary>The cache of the last Forward, with each layer's cache (gate activations for diagnostics); null before any.</summary>
    /// <remarks>The same object Forward returned; the next Forward of the same shape overwrites it.</remarks>
    public RecurrentStackCache<T>? LastCache => _cache;

    /// <summary>Seeds the dropout masks of the next Forward (the trainer does this per step, so a resumed run draws the same masks).</summary>
    public void Reseed(int seed) => _rngSeed = seed;

    /// <inheritdoc />
    public int InputSize => _layers[0].InputSize;

    /// <inheritdoc />
    public int HiddenSize => _layers[0].HiddenSize;

    /// <inheritdoc />
    public int Layers => _layers.Length;

    /// <inheritdoc />
    public bool HasCell => _layers[0].HasCell;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. _layers.SelectMany(l => l.Parameters)];

    /// <inheritdoc />
    public IRecurrentCache<T> Forward(ReadOnlySpan<T> x, int time, int batch, ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, bool training = true)
    {
        int BH = batch * HiddenSize, L = _layers.Length;
        RecurrentShapes.Check(x.Length, time, batch, InputSize, h0.Length, c0.Length, L * BH, "stack");
        if (_cache is null || _cache.Time != time || _cache.Batch != batch)
            _cache = new RecurrentStackCache<T>(L, time, batch, HiddenSize, HasCell, Residual);
        var rng = _rngSeed is int s ? new Random(s) : _rng;
        _rngSeed = null;
        var input = x;
        for (int l = 0; l < L; l++)
        {
            var cache = _layers[l].Forward(input, time, batch,
                h0.IsEmpty ? default : h0.Slice(l * BH, BH), c0.IsEmpty ? default : c0.Slice(l * BH, BH), training);
            _cache.SetLayer(l, cache);
            var y = cache.Output;
            if (Residual && l > 0)
            {
                Ops.Add<T>(cache.Output, input, _cache.Summed[l]);                         // y^{(ℓ)} = h^{(ℓ)} + x^{(ℓ)}
                y = _cache.Summed[l];
            }
            if (l < L - 1)
            {
                _dropouts[l].Forward(y, _cache.Dropped[l], training, rng);               // x^{(ℓ+1)} = dropout(y^{(ℓ)})
                input = _cache.Dropped[l];
            }
        }
        return _cache;
    }

    /// <inheritdoc />
    public void Backward(IRecurrentCache<T> cache, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> dhLast, ReadOnlySpan<T> dcLast,
        Span<T> dx, Span<T> dh0, Span<T> dc0)
    {
        var s = cache as RecurrentStackCache<T> ?? throw new ArgumentException("The cache does not come from this stack.", nameof(cache));
        int BH = s.Batch * HiddenSize, L = _layers.Length;
        var dOut = dOutput;
        for (int l = L - 1; l >= 0; l--)
        {
            var below = l > 0 ? s.DInput[l - 1].AsSpan() : dx;
            _layers[l].Backward(s.Layers[l], dOut,
                dhLast.IsEmpty ? default : dhLast.Slice(l * BH, BH), dcLast.IsEmpty ? default : dcLast.Slice(l * BH, BH),
                below, dh0.IsEmpty ? default : dh0.Slice(l * BH, BH), dc0.IsEmpty ? default : dc0.Slice(l * BH, BH));
            if (Residual && l > 0) Ops.AddInPlace<T>(dOut, s.DInput[l - 1]);        // ∂x^{(ℓ)} += ∂y^{(ℓ)}: the identity path
            if (l > 0)
            {
                _dropouts[l - 1].Backward(s.DInput[l - 1], s.DInput[l - 1]);   // through the dropout mask
                dOut = s.DInput[l - 1];
            }
        }
    }
}
