using DeepNlp.Kernels;
using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>An Elman (vanilla) recurrent layer unrolled over a sequence, as nn.RNN.</summary>
/// <remarks>
/// <code>
/// h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)      (or ReLU)
/// </code>
/// Parameters are stored as nn.RNN's weight_ih_l0 [H, input], weight_hh_l0 [H, H], bias_ih_l0, bias_hh_l0, and
/// initialised U(-1/√H, 1/√H) as PyTorch. <c>StepForward</c> and <c>StepBackward</c> below are the lecture's step, one
/// equation per line; they run for <see cref="double"/> and whenever <see cref="UseFastPath"/> is off. For <see cref="float"/>
/// the fast tier projects all inputs with one GEMM, packs W_hh once per pass and runs a share of the batch per thread.
/// Taught in notebooks/05_backpropagation_through_time.ipynb and, for ∂h_t/∂h_{t-1} =
/// diag(1 - h_t²) W_hh, in notebooks/06_vanishing_exploding_gradients.ipynb.
/// </remarks>
public sealed class Rnn<T> : IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private RnnCache<T>? _cache;
    private T[] _dz = [], _dh = [];
    private readonly T[] _dBias;
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
        _dBias = new T[hiddenSize];
        double a = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in Parameters) Init.Uniform<T>(p.Value, -a, a, rng);
    }

    /// <summary>Whether <see cref="float"/> runs the fast tier (default); false runs the reference step, as double always does.</summary>
    /// <remarks>The two agree to float rounding (<c>RecurrentFastPathTests</c>).</remarks>
    public bool UseFastPath { get; set; } = true;

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

        if (typeof(T) == typeof(float) && UseFastPath) ForwardFast(s);
        else for (int t = 0; t < time; t++) StepForward(s, t);
        return s;
    }

    // The lecture's step for the whole batch; z_t is computed in place of h_t.
    private void StepForward(RnnCache<T> s, int t)
    {
        int B = s.Batch, H = HiddenSize, X = InputSize;
        var h = s.HiddenStep(t + 1);
        Ops.Gemm<T>(s.X.AsSpan(t * B * X, B * X), W_ih.Value, h, B, H, X, transposeB: true);   // z_t = W_ih x_t
        Ops.AddRowVector<T>(b_ih.Value, h);                                                    //     + b_ih
        Ops.AddRowVector<T>(b_hh.Value, h);                                                    //     + b_hh
        Ops.Gemm<T>(s.HiddenStep(t), W_hh.Value, h, B, H, H, transposeB: true, accumulate: true);   // + W_hh h_{t-1}
        if (Activation == RnnActivation.Tanh) Ops.Tanh<T>(h, h);                               // h_t = tanh(z_t)
        else Ops.Relu<T>(h, h);                                                                // h_t = max(0, z_t)
    }

    // The same step, fast tier: all input projections in one GEMM, W_hh packed once, a share of the batch per thread.
    private void ForwardFast(RnnCache<T> s)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize;
        var z = s.H.AsSpan(batch * H);
        Ops.Gemm<T>(s.X, W_ih.Value, z, time * batch, H, InputSize, transposeB: true);   // W_ih x_t for all t at once
        _whhT = Ops.Pack<T>(W_hh.Value, H, H, transposeB: true, reuse: _whhT, rows: batch);
        WorkerPool.ParallelRows(batch, 8, (long)time * H * H, (r0, rows) =>   // sequences are independent
        {
            Span<T> Step(int t) => s.H.AsSpan((t * batch + r0) * H, rows * H);
            for (int t = 0; t < time; t++)
            {
                var h = Step(t + 1);
                // The biases per step, on the share's own rows while they are in cache (two passes over all T·B rows
                // before the fork cost a serial trip through memory); the same sums, (W_ih x_t + b_ih) + b_hh.
                Ops.AddRowVector<T>(b_ih.Value, h);
                Ops.AddRowVector<T>(b_hh.Value, h);
                Ops.Gemm(Step(t), _whhT, h, rows, H, H, accumulate: true);
                if (Activation == RnnActivation.Tanh) Ops.Tanh<T>(h, h);
                else Ops.Relu<T>(h, h);
            }
        });
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

        if (typeof(T) == typeof(float) && UseFastPath) BackwardFast(s, dOutput);
        else
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOutput.Slice(t * BH, BH), dh);                    // ∂h_t = ∂L_t/∂h_t + ∂h_t from step t+1
                s.Trace(t + 1, 0, dh);
                StepBackward(s, t, dh);
            }
        if (!dh0.IsEmpty) dh.CopyTo(dh0);
        if (!dc0.IsEmpty) dc0.Clear();

        int rows = time * batch;
        Ops.Gemm<T>(_dz, s.H.AsSpan(0, rows * H), W_hh.Grad, H, H, rows, transposeA: true, accumulate: true);   // ∂W_hh += Σ_t ∂z_t h_{t-1}ᵀ
        Ops.Gemm<T>(_dz, s.X, W_ih.Grad, H, InputSize, rows, transposeA: true, accumulate: true);                // ∂W_ih += Σ_t ∂z_t x_tᵀ
        _dBias.AsSpan().Clear();
        Ops.SumRowsAccumulate<T>(_dz, _dBias);                                                                  // Σ_t ∂z_t, once for both biases
        Ops.AddInPlace<T>(_dBias, b_ih.Grad);                                                                   // ∂b_ih += Σ_t ∂z_t
        Ops.AddInPlace<T>(_dBias, b_hh.Grad);                                                                   // ∂b_hh += Σ_t ∂z_t
        if (!dx.IsEmpty) Ops.Gemm<T>(_dz, W_ih.Value, dx, rows, InputSize, H);                                  // ∂x_t = W_ihᵀ ∂z_t
    }

    // The lecture's step in reverse. In: dh = ∂L/∂h_t. Out: ∂z_t into the gradient buffer and dh = ∂L/∂h_{t-1}.
    private void StepBackward(RnnCache<T> s, int t, Span<T> dh)
    {
        int BH = s.Batch * HiddenSize;
        var dz = _dz.AsSpan(t * BH, BH);
        var h = s.HiddenStep(t + 1);
        if (Activation == RnnActivation.Tanh) Ops.TanhGrad<T>(dh, h, dz);   // ∂z_t = ∂h_t⊙(1 - h_t²)
        else Ops.ReluGrad<T>(dh, h, dz);                                     // ∂z_t = ∂h_t⊙[h_t > 0]
        Ops.Gemm<T>(dz, W_hh.Value, dh, s.Batch, HiddenSize, HiddenSize);   // ∂h_{t-1} = W_hhᵀ ∂z_t
    }

    // The same step in reverse, fast tier: W_hh packed once, a share of the batch per thread.
    private void BackwardFast(RnnCache<T> s, ReadOnlySpan<T> dOutput)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize;
        _whh = Ops.Pack<T>(W_hh.Value, H, H, reuse: _whh, rows: batch);
        WorkerPool.ParallelRows(batch, 8, (long)time * H * H, dOutput, (r0, rows, dOut) =>
        {
            var dhr = _dh.AsSpan(r0 * H, rows * H);
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOut.Slice((t * batch + r0) * H, rows * H), dhr);
                s.Trace(t + 1, r0, dhr);
                var dz = _dz.AsSpan((t * batch + r0) * H, rows * H);
                var h = s.H.AsSpan(((t + 1) * batch + r0) * H, rows * H);
                if (Activation == RnnActivation.Tanh) Ops.TanhGrad<T>(dhr, h, dz);
                else Ops.ReluGrad<T>(dhr, h, dz);
                Ops.Gemm(dz, _whh!, dhr, rows, H, H);
            }
        });
    }
}
