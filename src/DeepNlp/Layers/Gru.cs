using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>A gated recurrent unit layer unrolled over a sequence, with nn.GRU's equations, gate order and parameters.</summary>
/// <remarks>
/// <para>Per step, exactly as PyTorch's nn.GRU:</para>
/// <code>
/// r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
/// z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
/// n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))
/// h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}
/// </code>
/// <para>Two differences from the lecture's form (Cho et al. 2014): the reset gate multiplies W_hn h_{t-1} + b_hn after the
/// matrix product, not h_{t-1} before it (Cho: ñ = tanh(W x + U (r ⊙ h_{t-1}))), which lets one GEMM compute all three
/// hidden projections; and z keeps the old state, where some slides write h_t = z ⊙ h̃ + (1 - z) ⊙ h_{t-1} with z
/// taking the new candidate. Both are relabelings or reorderings of the same family; only PyTorch's form exchanges
/// weights with nn.GRU.</para>
/// <para>W_ih [3H, input] and W_hh [3H, H] hold rows r, z, n; b_ih, b_hh [3H]. Initialised U(-1/√H, 1/√H).
/// Taught in notebooks/07_lstm_and_gru.ipynb.</para>
/// </remarks>
public sealed class Gru<T> : IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private GruCache<T>? _cache;
    private T[] _dzx = [], _dzh = [], _dh = [];
    private PackedMatrix<T>? _wihT, _whhT, _whh;

    /// <summary>Creates a GRU layer.</summary>
    /// <param name="name">Prefix for parameter names.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="rng">Source of the initial values.</param>
    public Gru(string name, int inputSize, int hiddenSize, Random rng)
    {
        Name = name; InputSize = inputSize; HiddenSize = hiddenSize;
        W_ih = new Parameter<T>(name + ".W_ih", 3 * hiddenSize, inputSize);
        W_hh = new Parameter<T>(name + ".W_hh", 3 * hiddenSize, hiddenSize);
        b_ih = new Parameter<T>(name + ".b_ih", 3 * hiddenSize);
        b_hh = new Parameter<T>(name + ".b_hh", 3 * hiddenSize);
        double a = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in Parameters) Init.Uniform<T>(p.Value, -a, a, rng);
    }

    /// <summary>Layer name, the prefix of its parameter names.</summary>
    public string Name { get; }

    /// <summary>Input-to-hidden weights [3H, input], rows r, z, n.</summary>
    public Parameter<T> W_ih { get; }

    /// <summary>Hidden-to-hidden weights [3H, H], rows r, z, n.</summary>
    public Parameter<T> W_hh { get; }

    /// <summary>Input bias [3H].</summary>
    public Parameter<T> b_ih { get; }

    /// <summary>Hidden bias [3H]; its n block sits inside the reset gate's product.</summary>
    public Parameter<T> b_hh { get; }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int HiddenSize { get; }

    /// <inheritdoc />
    public int Layers => 1;

    /// <inheritdoc />
    public bool HasCell => false;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W_ih, W_hh, b_ih, b_hh];

    /// <inheritdoc />
    public IRecurrentCache<T> Forward(ReadOnlySpan<T> x, int time, int batch, ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, bool training = true)
    {
        int H = HiddenSize, G = 3 * H, BH = batch * H;
        RecurrentShapes.Check(x.Length, time, batch, InputSize, h0.Length, 0, BH, Name);
        var s = _cache is not null && _cache.Fits(time, batch, InputSize, H) ? _cache : (_cache = new GruCache<T>(time, batch, InputSize, H));
        x.CopyTo(s.X);
        if (h0.IsEmpty) s.HiddenStep(0).Clear(); else h0.CopyTo(s.HiddenStep(0));

        _wihT = Ops.Pack(true, InputSize, G, W_ih.Value, _wihT);                   // W_ihᵀ and W_hhᵀ, packed once for all steps
        _whhT = Ops.Pack(true, H, G, W_hh.Value, _whhT);
        Ops.ParallelRows(batch, 8, (long)time * G * (InputSize + H), (r0, rows) =>   // sequences are independent: a share of
        {                                                                            // the batch runs through all steps
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            var zh = s.Zh.AsSpan(r0 * G, rows * G);
            for (int t = 0; t < time; t++)
            {
                var zx = Step(s.Gates, t, G);
                Ops.RepeatRows<T>(b_ih.Value, zx);                                                          // zx = b_ih
                Ops.Gemm(false, rows, G, InputSize, Step(s.X, t, InputSize), _wihT, zx, accumulate: true);   //    + W_ih x_t
                Ops.RepeatRows<T>(b_hh.Value, zh);                                                          // zh = b_hh
                Ops.Gemm(false, rows, G, H, Step(s.H, t, H), _whhT, zh, accumulate: true);                   //    + W_hh h_{t-1}
                Ops.GruForwardPointwise(zx, zh, Step(s.H, t, H), Step(s.HiddenN, t, H), Step(s.H, t + 1, H), H);
                // r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)     z_t likewise
                // n_t = tanh(W_in x_t + b_in + r_t⊙(W_hn h_{t-1} + b_hn))
                // h_t = (1-z_t)⊙n_t + z_t⊙h_{t-1}
            }
        });
        return s;
    }

    /// <inheritdoc />
    public void Backward(IRecurrentCache<T> cache, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> dhLast, ReadOnlySpan<T> dcLast,
        Span<T> dx, Span<T> dh0, Span<T> dc0)
    {
        var s = cache as GruCache<T> ?? throw new ArgumentException("The cache does not come from a GRU.", nameof(cache));
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 3 * H, BH = batch * H;
        RecurrentShapes.CheckBackward(dOutput.Length, time * BH, dhLast.Length, 0, BH, dx.Length, s.X.Length, Name);
        if (_dzx.Length != time * batch * G) { _dzx = new T[time * batch * G]; _dzh = new T[time * batch * G]; }
        if (_dh.Length != BH) _dh = new T[BH];
        var dh = _dh.AsSpan();
        if (dhLast.IsEmpty) dh.Clear(); else dhLast.CopyTo(dh);
        _whh = Ops.Pack(false, G, H, W_hh.Value, _whh);

        Ops.ParallelRows(batch, 8, (long)time * G * H, dOutput, (r0, rows, dOut) =>
        {
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            var dhr = _dh.AsSpan(r0 * H, rows * H);
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOut.Slice((t * batch + r0) * H, rows * H), dhr);   // ∂h_t = ∂L_t/∂h_t + ∂h_t from step t+1
                s.Trace(t + 1, r0, dhr);
                Ops.GruBackwardPointwise<T>(Step(s.Gates, t, G), Step(s.HiddenN, t, H), Step(s.H, t, H), dhr, Step(_dzx, t, G), Step(_dzh, t, G), H);
                Ops.Gemm(false, rows, H, G, Step(_dzh, t, G), _whh!, dhr, accumulate: true);   // ∂h_{t-1} += W_hhᵀ ∂zh_t
                // ∂z_t = ∂h_t⊙(h_{t-1} - n_t)      ∂n_t = ∂h_t⊙(1 - z_t)      ∂h_{t-1} = ∂h_t⊙z_t (+ W_hhᵀ ∂zh below)
                // ∂r_t = ∂(pre-n)⊙(W_hn h_{t-1} + b_hn)      ∂(W_hn h + b_hn) = ∂(pre-n)⊙r_t;  then through σ' and tanh'
            }
        });
        if (!dh0.IsEmpty) dh.CopyTo(dh0);
        if (!dc0.IsEmpty) dc0.Clear();

        int rows = time * batch;
        Ops.Gemm(true, false, G, H, rows, _dzh, s.H.AsSpan(0, rows * H), W_hh.Grad, accumulate: true);   // ∂W_hh += Σ_t ∂zh_t h_{t-1}ᵀ
        Ops.Gemm(true, false, G, InputSize, rows, _dzx, s.X, W_ih.Grad, accumulate: true);                // ∂W_ih += Σ_t ∂zx_t x_tᵀ
        Ops.SumRowsAccumulate<T>(_dzx, b_ih.Grad);
        Ops.SumRowsAccumulate<T>(_dzh, b_hh.Grad);
        if (!dx.IsEmpty) Ops.Gemm(false, false, rows, InputSize, G, _dzx, W_ih.Value, dx);               // ∂x_t = W_ihᵀ ∂zx_t
    }
}
