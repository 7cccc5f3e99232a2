using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>An Elman (vanilla) recurrent layer unrolled over a sequence, as nn.RNN.</summary>
/// <remarks>
/// <code>
/// h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)      (or ReLU)
/// </code>
/// Parameters are stored as nn.RNN's weight_ih_l0 [H, input], weight_hh_l0 [H, H], bias_ih_l0, bias_hh_l0, and
/// initialised U(-1/√H, 1/√H) as PyTorch. Taught in notebooks/05_backpropagation_through_time.ipynb and, for ∂h_t/∂h_{t-1} =
/// diag(1 - h_t²) W_hh, in notebooks/06_vanishing_exploding_gradients.ipynb.
/// </remarks>
public sealed class Rnn<T> : IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private RnnCache<T>? _cache;
    private T[] _dz = [], _dh = [];
    private PackedMatrix<T>? _whhT, _whh;

    /// <summary>Creates an Elman RNN layer.</summary>
    /// <param name="name">Prefix for parameter names.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <param name="activation">tanh (default) or ReLU.</param>
    public Rnn(string name, int inputSize, int hiddenSize, Random rng, RnnActivation activation = RnnActivation.Tanh)
    {
        Name = name; InputSize = inputSize; HiddenSize = hiddenSize; Activation = activation;
        W_ih = new Parameter<T>(name + ".W_ih", hiddenSize, inputSize);
        W_hh = new Parameter<T>(name + ".W_hh", hiddenSize, hiddenSize);
        b_ih = new Parameter<T>(name + ".b_ih", hiddenSize);
        b_hh = new Parameter<T>(name + ".b_hh", hiddenSize);
        double a = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in Parameters) Init.Uniform<T>(p.Value, -a, a, rng);
    }

    /// <summary>Layer name, the prefix of its parameter names.</summary>
    public string Name { get; }

    /// <summary>The nonlinearity.</summary>
    public RnnActivation Activation { get; }

    /// <summary>Input-to-hidden weights [H, input].</summary>
    public Parameter<T> W_ih { get; }

    /// <summary>Hidden-to-hidden weights [H, H].</summary>
    public Parameter<T> W_hh { get; }

    /// <summary>Input bias [H].</summary>
    public Parameter<T> b_ih { get; }

    /// <summary>Hidden bias [H].</summary>
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
        int H = HiddenSize, BH = batch * H;
        RecurrentShapes.Check(x.Length, time, batch, InputSize, h0.Length, 0, BH, Name);
        var s = _cache is not null && _cache.Fits(time, batch, InputSize, H) ? _cache : (_cache = new RnnCache<T>(time, batch, InputSize, H));
        x.CopyTo(s.X);
        if (h0.IsEmpty) s.HiddenStep(0).Clear(); else h0.CopyTo(s.HiddenStep(0));

        var z = s.H.AsSpan(BH);                                          // z_t is computed in place of h_t
        Ops.Gemm(false, true, time * batch, H, InputSize, x, W_ih.Value, z);   // z = W_ih x_t  (all t at once)
        Ops.AddRowVector<T>(b_ih.Value, z);                                    //   + b_ih
        Ops.AddRowVector<T>(b_hh.Value, z);                                    //   + b_hh
        _whhT = Ops.Pack(true, H, H, W_hh.Value, _whhT, batch);
        Ops.ParallelRows(batch, 8, (long)time * H * H, (r0, rows) =>   // sequences are independent: a share of the batch runs through all steps
        {
            Span<T> Step(int t) => s.H.AsSpan((t * batch + r0) * H, rows * H);
            for (int t = 0; t < time; t++)
            {
                var h = Step(t + 1);
                Ops.Gemm(false, rows, H, H, Step(t), _whhT, h, accumulate: true);   // z += W_hh h_{t-1}
                if (Activation == RnnActivation.Tanh) Ops.Tanh<T>(h, h);           // h_t = tanh(z_t)
                else Ops.Relu<T>(h, h);                                              // h_t = max(0, z_t)
            }
        });
        return s;
    }

    /// <inheritdoc />
    public void Backward(IRecurrentCache<T> cache, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> dhLast, ReadOnlySpan<T> dcLast,
        Span<T> dx, Span<T> dh0, Span<T> dc0)
    {
        var s = cache as RnnCache<T> ?? throw new ArgumentException("The cache does not come from an Elman RNN.", nameof(cache));
        int time = s.Time, batch = s.Batch, H = HiddenSize, BH = batch * H;
        RecurrentShapes.CheckBackward(dOutput.Length, time * BH, dhLast.Length, 0, BH, dx.Length, s.X.Length, Name);
        if (_dz.Length != time * BH) _dz = new T[time * BH];
        if (_dh.Length != BH) _dh = new T[BH];
        var dh = _dh.AsSpan();
        if (dhLast.IsEmpty) dh.Clear(); else dhLast.CopyTo(dh);
        _whh = Ops.Pack(false, H, H, W_hh.Value, _whh, batch);

        Ops.ParallelRows(batch, 8, (long)time * H * H, dOutput, (r0, rows, dOut) =>
        {
            var dhr = _dh.AsSpan(r0 * H, rows * H);
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOut.Slice((t * batch + r0) * H, rows * H), dhr);   // ∂h_t = ∂L_t/∂h_t + ∂h_t from step t+1
                s.Trace(t + 1, r0, dhr);
                var dz = _dz.AsSpan((t * batch + r0) * H, rows * H);
                var h = s.H.AsSpan(((t + 1) * batch + r0) * H, rows * H);
                if (Activation == RnnActivation.Tanh) Ops.TanhGrad<T>(dhr, h, dz);   // ∂z_t = ∂h_t⊙(1-h_t²)
                else Ops.ReluGrad<T>(dhr, h, dz);                                     // ∂z_t = ∂h_t⊙[h_t > 0]
                Ops.Gemm(false, rows, H, H, dz, _whh!, dhr);                         // ∂h_{t-1} = W_hhᵀ ∂z_t
            }
        });
        if (!dh0.IsEmpty) dh.CopyTo(dh0);
        if (!dc0.IsEmpty) dc0.Clear();

        int rows = time * batch;
        Ops.Gemm(true, false, H, H, rows, _dz, s.H.AsSpan(0, rows * H), W_hh.Grad, accumulate: true);   // ∂W_hh += Σ_t ∂z_t h_{t-1}ᵀ
        Ops.Gemm(true, false, H, InputSize, rows, _dz, s.X, W_ih.Grad, accumulate: true);                // ∂W_ih += Σ_t ∂z_t x_tᵀ
        Ops.SumRowsAccumulate<T>(_dz, b_ih.Grad);
        Ops.SumRowsAccumulate<T>(_dz, b_hh.Grad);
        if (!dx.IsEmpty) Ops.Gemm(false, false, rows, InputSize, H, _dz, W_ih.Value, dx);               // ∂x_t = W_ihᵀ ∂z_t
    }
}
