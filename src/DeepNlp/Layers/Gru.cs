using DeepNlp.Kernels;
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
/// <para>W_ih [3H, input] and W_hh [3H, H] hold rows r, z, n; b_ih, b_hh [3H]. Initialised U(-1/√H, 1/√H); the optional
/// update-gate bias is added to b_ih's z block, so that z_t starts near σ(bias) and h_t starts by copying h_{t-1}.</para>
/// <para>Two tiers. <c>StepForward</c> and <c>StepBackward</c> below are the lecture's step, one equation per line with
/// small <see cref="Ops"/> primitives; they run for <see cref="double"/> and whenever <see cref="UseFastPath"/> is off.
/// For <see cref="float"/> the fast tier packs the weights once per pass, runs a share of the batch per thread, and fuses
/// the pointwise lines (<c>Kernels/GruKernel.cs</c>, tested equal to the reference step).
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
    /// <param name="updateGateBias">Added to the update gate's block of b_ih after initialisation (0 = PyTorch's default).
    /// A positive value makes z_t ≈ σ(bias) at the start, so the layer begins by carrying h_{t-1} forward, the GRU's
    /// counterpart of the LSTM's forget bias (<c>Lstm(..., forgetBias)</c>).</param>
    public Gru(string name, int inputSize, int hiddenSize, Random rng, double updateGateBias = 0)
    {
        Name = name; InputSize = inputSize; HiddenSize = hiddenSize;
        W_ih = new Parameter<T>(name + ".W_ih", 3 * hiddenSize, inputSize);
        W_hh = new Parameter<T>(name + ".W_hh", 3 * hiddenSize, hiddenSize);
        b_ih = new Parameter<T>(name + ".b_ih", 3 * hiddenSize);
        b_hh = new Parameter<T>(name + ".b_hh", 3 * hiddenSize);
        double a = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in Parameters) Init.Uniform<T>(p.Value, -a, a, rng);
        var z = b_ih.Value.AsSpan(hiddenSize, hiddenSize);
        for (int j = 0; j < z.Length; j++) z[j] += T.CreateTruncating(updateGateBias);
    }

    /// <summary>Whether <see cref="float"/> runs the fast tier (default); false runs the reference step, as double always does.</summary>
    /// <remarks>The two agree to float rounding (<c>RecurrentFastPathTests</c>).</remarks>
    public bool UseFastPath { get; set; } = true;

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
        int H = HiddenSize, BH = batch * H;
        RecurrentShapes.Check(x.Length, time, batch, InputSize, h0.Length, 0, BH, Name);
        var s = _cache is not null && _cache.Fits(time, batch, InputSize, H) ? _cache : (_cache = new GruCache<T>(time, batch, InputSize, H));
        x.CopyTo(s.X);
        if (h0.IsEmpty) s.HiddenStep(0).Clear(); else h0.CopyTo(s.HiddenStep(0));

        if (typeof(T) == typeof(float) && UseFastPath) ForwardFast(s);
        else for (int t = 0; t < time; t++) StepForward(s, t);
        return s;
    }

    // The lecture's step for the whole batch: the two products, then the gates row by row.
    private void StepForward(GruCache<T> s, int t)
    {
        int B = s.Batch, H = HiddenSize, G = 3 * H, X = InputSize;
        var zx = s.Gates.AsSpan(t * B * G, B * G);
        var zh = s.Zh.AsSpan();
        Ops.RepeatRows<T>(b_ih.Value, zx);                                                                 // zx = b_ih
        Ops.Gemm<T>(s.X.AsSpan(t * B * X, B * X), W_ih.Value, zx, B, G, X, transposeB: true, accumulate: true);   //    + W_ih x_t
        Ops.RepeatRows<T>(b_hh.Value, zh);                                                                 // zh = b_hh
        Ops.Gemm<T>(s.HiddenStep(t), W_hh.Value, zh, B, G, H, transposeB: true, accumulate: true);         //    + W_hh h_{t-1}
        for (int b = 0; b < B; b++)
        {
            var gates = zx.Slice(b * G, G);                                                                 // activated in place of zx
            Span<T> r = gates[..H], z = gates.Slice(H, H), n = gates.Slice(2 * H, H);
            ReadOnlySpan<T> hr = zh.Slice(b * G, H), hz = zh.Slice(b * G + H, H), hnNew = zh.Slice(b * G + 2 * H, H);
            Span<T> hn = s.HiddenN.AsSpan((t * B + b) * H, H), h = s.H.AsSpan(((t + 1) * B + b) * H, H);
            ReadOnlySpan<T> hPrev = s.H.AsSpan((t * B + b) * H, H);
            Ops.Add<T>(r, hr, r); Ops.Sigmoid<T>(r, r);         // r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
            Ops.Add<T>(z, hz, z); Ops.Sigmoid<T>(z, z);         // z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
            hnNew.CopyTo(hn);                                   // keep W_hn h_{t-1} + b_hn for Backward
            Ops.MulAccumulate<T>(r, hn, n); Ops.Tanh<T>(n, n);  // n_t = tanh(W_in x_t + b_in + r_t⊙(W_hn h_{t-1} + b_hn))
            Ops.Subtract<T>(hPrev, n, h); Ops.Mul<T>(z, h, h); Ops.AddInPlace<T>(n, h);   // h_t = (1-z_t)⊙n_t + z_t⊙h_{t-1}
        }
    }

    // The same step, fast tier: weights packed once, a share of the batch per thread, the pointwise lines fused.
    private void ForwardFast(GruCache<T> s)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 3 * H;
        _wihT = Ops.Pack<T>(W_ih.Value, InputSize, G, transposeB: true, reuse: _wihT);   // W_ihᵀ and W_hhᵀ, packed once for all steps
        _whhT = Ops.Pack<T>(W_hh.Value, H, G, transposeB: true, reuse: _whhT);
        WorkerPool.ParallelRows(batch, 8, (long)time * G * (InputSize + H), (r0, rows) =>   // sequences are independent
        {
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            var zh = s.Zh.AsSpan(r0 * G, rows * G);
            for (int t = 0; t < time; t++)
            {
                var zx = Step(s.Gates, t, G);
                Ops.RepeatRows<T>(b_ih.Value, zx);
                Ops.Gemm(Step(s.X, t, InputSize), _wihT, zx, rows, G, InputSize, accumulate: true);
                Ops.RepeatRows<T>(b_hh.Value, zh);
                Ops.Gemm(Step(s.H, t, H), _whhT, zh, rows, G, H, accumulate: true);
                GruKernel.Forward(zx, zh, Step(s.H, t, H), Step(s.HiddenN, t, H), Step(s.H, t + 1, H), H);
            }
        });
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
        Ops.Gemm<T>(_dzh, s.H.AsSpan(0, rows * H), W_hh.Grad, G, H, rows, transposeA: true, accumulate: true);   // ∂W_hh += Σ_t ∂zh_t h_{t-1}ᵀ
        Ops.Gemm<T>(_dzx, s.X, W_ih.Grad, G, InputSize, rows, transposeA: true, accumulate: true);                // ∂W_ih += Σ_t ∂zx_t x_tᵀ
        Ops.SumRowsAccumulate<T>(_dzx, b_ih.Grad);                                                               // ∂b_ih += Σ_t ∂zx_t
        Ops.SumRowsAccumulate<T>(_dzh, b_hh.Grad);                                                               // ∂b_hh += Σ_t ∂zh_t
        if (!dx.IsEmpty) Ops.Gemm<T>(_dzx, W_ih.Value, dx, rows, InputSize, G);                                  // ∂x_t = W_ihᵀ ∂zx_t
    }

    // The lecture's step in reverse. In: dh = ∂L/∂h_t. Out: ∂zx_t and ∂zh_t (gradients of W_ih x_t + b_ih and of
    // W_hh h_{t-1} + b_hh) into the gradient buffers, and dh = ∂L/∂h_{t-1}, for the whole batch.
    private void StepBackward(GruCache<T> s, int t, Span<T> dh)
    {
        int B = s.Batch, H = HiddenSize, G = 3 * H;
        var dzx = _dzx.AsSpan(t * B * G, B * G); var dzh = _dzh.AsSpan(t * B * G, B * G);
        for (int b = 0; b < B; b++)
        {
            ReadOnlySpan<T> gates = s.Gates.AsSpan((t * B + b) * G, G);
            ReadOnlySpan<T> r = gates[..H], z = gates.Slice(H, H), n = gates.Slice(2 * H, H);
            ReadOnlySpan<T> hn = s.HiddenN.AsSpan((t * B + b) * H, H), hPrev = s.H.AsSpan((t * B + b) * H, H);
            Span<T> dr = dzx.Slice(b * G, H), dz = dzx.Slice(b * G + H, H), dn = dzx.Slice(b * G + 2 * H, H);
            Span<T> dhr = dzh.Slice(b * G, H), dhz = dzh.Slice(b * G + H, H), dhn = dzh.Slice(b * G + 2 * H, H);
            var d = dh.Slice(b * H, H);
            Ops.Subtract<T>(hPrev, n, dz); Ops.Mul<T>(d, dz, dz);   // ∂z_t = ∂h_t⊙(h_{t-1} - n_t)
            Ops.Mul<T>(d, z, dn); Ops.Subtract<T>(d, dn, dn);       // ∂n_t = ∂h_t⊙(1 - z_t)
            Ops.TanhGrad<T>(dn, n, dn);                             // ∂(pre-n) = ∂n_t⊙(1 - n_t²)
            Ops.Mul<T>(dn, hn, dr);                                 // ∂r_t = ∂(pre-n)⊙(W_hn h_{t-1} + b_hn)
            Ops.SigmoidGrad<T>(dr, r, dr);                          // ∂(pre-r) = ∂r_t⊙r_t(1 - r_t)
            Ops.SigmoidGrad<T>(dz, z, dz);                          // ∂(pre-z) = ∂z_t⊙z_t(1 - z_t)
            Ops.Mul<T>(dn, r, dhn);                                 // ∂(W_hn h_{t-1} + b_hn) = ∂(pre-n)⊙r_t
            dr.CopyTo(dhr); dz.CopyTo(dhz);                         // r and z see both products alike
            Ops.Mul<T>(d, z, d);                                    // ∂h_{t-1} = ∂h_t⊙z_t  (direct path)
        }
        Ops.Gemm<T>(dzh, W_hh.Value, dh, B, H, G, accumulate: true);   // ∂h_{t-1} += W_hhᵀ ∂zh_t
    }

    // The same step in reverse, fast tier: a share of the batch per thread, the pointwise lines fused.
    private void BackwardFast(GruCache<T> s, ReadOnlySpan<T> dOutput)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 3 * H;
        _whh = Ops.Pack<T>(W_hh.Value, G, H, reuse: _whh);
        WorkerPool.ParallelRows(batch, 8, (long)time * G * H, dOutput, (r0, rows, dOut) =>
        {
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            var dhr = _dh.AsSpan(r0 * H, rows * H);
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOut.Slice((t * batch + r0) * H, rows * H), dhr);
                s.Trace(t + 1, r0, dhr);
                GruKernel.Backward<T>(Step(s.Gates, t, G), Step(s.HiddenN, t, H), Step(s.H, t, H), dhr, Step(_dzx, t, G), Step(_dzh, t, G), H);
                Ops.Gemm(Step(_dzh, t, G), _whh!, dhr, rows, H, G, accumulate: true);
            }
        });
    }
}
