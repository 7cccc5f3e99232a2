using DeepNlp.Kernels;
using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>A long short-term memory layer unrolled over a sequence, with nn.LSTM's equations, gate order and parameters.</summary>
/// <remarks>
/// <para>Per step, as PyTorch's nn.LSTM (Hochreiter &amp; Schmidhuber 1997 with the forget gate of Gers et al. 2000):</para>
/// <code>
/// z   = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        rows of W laid out i, f, g, o
/// i_t = σ(z_i)   f_t = σ(z_f)   g_t = tanh(z_g)   o_t = σ(z_o)
/// c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
/// h_t = o_t ⊙ tanh(c_t)
/// </code>
/// <para>W_ih [4H, input], W_hh [4H, H], b_ih [4H], b_hh [4H] are stored exactly as nn.LSTM's weight_ih_l0, weight_hh_l0,
/// bias_ih_l0, bias_hh_l0, so weights exchange with PyTorch unchanged. Initialised U(-1/√H, 1/√H) as PyTorch; the
/// optional forget bias is added to b_ih's f block (Jozefowicz et al. 2015 recommend 1).</para>
/// <para>Two tiers. <c>StepForward</c> and <c>StepBackward</c> below are the lecture's step, one equation per line with
/// small <see cref="Ops"/> primitives; they run for <see cref="double"/> and whenever <see cref="UseFastPath"/> is off.
/// For <see cref="float"/> the fast tier runs the same equations with the weights packed once per pass, each thread
/// taking a share of the batch's sequences through all steps, and the pointwise lines fused into one pass
/// (<c>Kernels/LstmKernel.cs</c>, tested equal to the reference step). Both tiers form ∂W_hh, ∂W_ih and ∂x with one GEMM
/// each over all steps. Taught in notebooks/07_lstm_and_gru.ipynb.</para>
/// </remarks>
public sealed class Lstm<T> : IRecurrentLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private LstmCache<T>? _cache;
    private T[] _dGates = [], _dh = [], _dc = [];
    private readonly T[] _bias, _dBias;
    private PackedMatrix<T>? _wihT, _whhT, _whh;

    /// <summary>Creates an LSTM layer.</summary>
    /// <param name="name">Prefix for parameter names (<c>name.W_ih</c> ...).</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">H, the size of h and c.</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <param name="forgetBias">Added to the forget gate's block of b_ih after initialisation (0 = PyTorch's default;
    /// Jozefowicz et al. 2015 recommend 1). The GRU's counterpart is <c>Gru(..., updateGateBias)</c>.</param>
    public Lstm(string name, int inputSize, int hiddenSize, Random rng, double forgetBias = 0)
    {
        Name = name; InputSize = inputSize; HiddenSize = hiddenSize;
        W_ih = new Parameter<T>(name + ".W_ih", 4 * hiddenSize, inputSize);
        W_hh = new Parameter<T>(name + ".W_hh", 4 * hiddenSize, hiddenSize);
        b_ih = new Parameter<T>(name + ".b_ih", 4 * hiddenSize);
        b_hh = new Parameter<T>(name + ".b_hh", 4 * hiddenSize);
        _bias = new T[4 * hiddenSize]; _dBias = new T[4 * hiddenSize];
        double a = 1.0 / Math.Sqrt(hiddenSize);
        foreach (var p in Parameters) Init.Uniform<T>(p.Value, -a, a, rng);
        var f = b_ih.Value.AsSpan(hiddenSize, hiddenSize);
        for (int j = 0; j < f.Length; j++) f[j] += T.CreateTruncating(forgetBias);
    }

    /// <summary>Whether <see cref="float"/> runs the fast tier (default); false runs the reference step, as double always does.</summary>
    /// <remarks>The two agree to float rounding (<c>RecurrentFastPathTests</c>).</remarks>
    public bool UseFastPath { get; set; } = true;

    /// <summary>Layer name, the prefix of its parameter names.</summary>
    public string Name { get; }

    /// <summary>Input-to-hidden weights [4H, input], rows i, f, g, o.</summary>
    public Parameter<T> W_ih { get; }

    /// <summary>Hidden-to-hidden weights [4H, H], rows i, f, g, o.</summary>
    public Parameter<T> W_hh { get; }

    /// <summary>Input bias [4H].</summary>
    public Parameter<T> b_ih { get; }

    /// <summary>Hidden bias [4H] (redundant with b_ih, kept so weights exchange with PyTorch).</summary>
    public Parameter<T> b_hh { get; }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int HiddenSize { get; }

    /// <inheritdoc />
    public int Layers => 1;

    /// <inheritdoc />
    public bool HasCell => true;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W_ih, W_hh, b_ih, b_hh];

    /// <inheritdoc />
    public IRecurrentCache<T> Forward(ReadOnlySpan<T> x, int time, int batch, ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, bool training = true)
    {
        int H = HiddenSize, BH = batch * H;
        RecurrentShapes.Check(x.Length, time, batch, InputSize, h0.Length, c0.Length, BH, Name);
        var s = _cache is not null && _cache.Fits(time, batch, InputSize, H) ? _cache : (_cache = new LstmCache<T>(time, batch, InputSize, H));
        x.CopyTo(s.X);
        if (h0.IsEmpty) s.HiddenStep(0).Clear(); else h0.CopyTo(s.HiddenStep(0));
        if (c0.IsEmpty) s.C.AsSpan(0, BH).Clear(); else c0.CopyTo(s.C);
        Ops.Add<T>(b_ih.Value, b_hh.Value, _bias);                                       // b = b_ih + b_hh

        if (typeof(T) == typeof(float) && UseFastPath) ForwardFast(s);
        else for (int t = 0; t < time; t++) StepForward(s, t);
        return s;
    }

    // The lecture's step for the whole batch: z_t = W_ih x_t + W_hh h_{t-1} + b, then the gates row by row.
    private void StepForward(LstmCache<T> s, int t)
    {
        int B = s.Batch, H = HiddenSize, G = 4 * H, X = InputSize;
        var z = s.Gates.AsSpan(t * B * G, B * G);
        Ops.RepeatRows<T>(_bias, z);                                                                     // z = b
        Ops.Gemm<T>(s.X.AsSpan(t * B * X, B * X), W_ih.Value, z, B, G, X, transposeB: true, accumulate: true);   //   + W_ih x_t
        Ops.Gemm<T>(s.HiddenStep(t), W_hh.Value, z, B, G, H, transposeB: true, accumulate: true);        //   + W_hh h_{t-1}
        for (int r = 0; r < B; r++)
        {
            var gates = z.Slice(r * G, G);                                                               // activated in place of z
            Span<T> i = gates[..H], f = gates.Slice(H, H), g = gates.Slice(2 * H, H), o = gates.Slice(3 * H, H);
            Span<T> cPrev = s.C.AsSpan((t * B + r) * H, H), c = s.C.AsSpan(((t + 1) * B + r) * H, H);
            Span<T> tanhC = s.TanhC.AsSpan((t * B + r) * H, H), h = s.H.AsSpan(((t + 1) * B + r) * H, H);
            Ops.Sigmoid<T>(i, i);                       // i_t = σ(z_i)
            Ops.Sigmoid<T>(f, f);                       // f_t = σ(z_f)
            Ops.Tanh<T>(g, g);                          // g_t = tanh(z_g)
            Ops.Sigmoid<T>(o, o);                       // o_t = σ(z_o)
            Ops.MulAdd<T>(f, cPrev, i, g, c);           // c_t = f_t⊙c_{t-1} + i_t⊙g_t
            Ops.Tanh<T>(c, tanhC);
            Ops.Mul<T>(o, tanhC, h);                    // h_t = o_t⊙tanh(c_t)
        }
    }

    // The same step, fast tier: weights packed once, a share of the batch per thread, the pointwise lines fused.
    private void ForwardFast(LstmCache<T> s)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 4 * H;
        _wihT = Ops.Pack<T>(W_ih.Value, InputSize, G, transposeB: true, reuse: _wihT);      // W_ihᵀ and W_hhᵀ, packed once for all steps
        _whhT = Ops.Pack<T>(W_hh.Value, H, G, transposeB: true, reuse: _whhT);
        WorkerPool.ParallelRows(batch, 8, (long)time * G * (InputSize + H), (r0, rows) =>   // sequences are independent
        {
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            for (int t = 0; t < time; t++)
            {
                var z = Step(s.Gates, t, G);
                Ops.RepeatRows<T>(_bias, z);
                Ops.Gemm(Step(s.X, t, InputSize), _wihT, z, rows, G, InputSize, accumulate: true);
                Ops.Gemm(Step(s.H, t, H), _whhT, z, rows, G, H, accumulate: true);
                LstmKernel.Forward(z, Step(s.C, t, H), Step(s.C, t + 1, H), Step(s.TanhC, t, H), Step(s.H, t + 1, H), H);
            }
        });
    }

    /// <inheritdoc />
    public void Backward(IRecurrentCache<T> cache, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> dhLast, ReadOnlySpan<T> dcLast,
        Span<T> dx, Span<T> dh0, Span<T> dc0)
    {
        var s = cache as LstmCache<T> ?? throw new ArgumentException("The cache does not come from an LSTM.", nameof(cache));
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 4 * H, BH = batch * H;
        RecurrentShapes.CheckBackward(dOutput.Length, time * BH, dhLast.Length, dcLast.Length, BH, dx.Length, s.X.Length, Name);
        if (_dGates.Length != time * batch * G) _dGates = new T[time * batch * G];
        if (_dh.Length != BH) { _dh = new T[BH]; _dc = new T[BH]; }
        var dh = _dh.AsSpan(); var dc = _dc.AsSpan();
        if (dhLast.IsEmpty) dh.Clear(); else dhLast.CopyTo(dh);
        if (dcLast.IsEmpty) dc.Clear(); else dcLast.CopyTo(dc);

        if (typeof(T) == typeof(float) && UseFastPath) BackwardFast(s, dOutput);
        else
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOutput.Slice(t * BH, BH), dh);                    // ∂h_t = ∂L_t/∂h_t + ∂h_t from step t+1
                s.Trace(t + 1, 0, dh);
                StepBackward(s, t, dh, dc);
            }
        if (!dh0.IsEmpty) dh.CopyTo(dh0);
        if (!dc0.IsEmpty) dc.CopyTo(dc0);

        int rows = time * batch;
        Ops.Gemm<T>(_dGates, s.H.AsSpan(0, rows * H), W_hh.Grad, G, H, rows, transposeA: true, accumulate: true);   // ∂W_hh += Σ_t ∂z_t h_{t-1}ᵀ
        Ops.Gemm<T>(_dGates, s.X, W_ih.Grad, G, InputSize, rows, transposeA: true, accumulate: true);                // ∂W_ih += Σ_t ∂z_t x_tᵀ
        _dBias.AsSpan().Clear();
        Ops.SumRowsAccumulate<T>(_dGates, _dBias);                                                           // Σ_t ∂z_t
        Ops.AddInPlace<T>(_dBias, b_ih.Grad);                                                                // ∂b_ih += Σ_t ∂z_t
        Ops.AddInPlace<T>(_dBias, b_hh.Grad);                                                                // ∂b_hh += Σ_t ∂z_t
        if (!dx.IsEmpty) Ops.Gemm<T>(_dGates, W_ih.Value, dx, rows, InputSize, G);                           // ∂x_t = W_ihᵀ ∂z_t
    }

    // The lecture's step in reverse. In: dh = ∂L/∂h_t, dc = ∂L/∂c_t (from step t+1). Out: ∂z_t into the gradient buffer,
    // dh = ∂L/∂h_{t-1} and dc = ∂L/∂c_{t-1}, for the whole batch.
    private void StepBackward(LstmCache<T> s, int t, Span<T> dh, Span<T> dc)
    {
        int B = s.Batch, H = HiddenSize, G = 4 * H;
        var dz = _dGates.AsSpan(t * B * G, B * G);
        for (int r = 0; r < B; r++)
        {
            ReadOnlySpan<T> gates = s.Gates.AsSpan((t * B + r) * G, G);
            ReadOnlySpan<T> i = gates[..H], f = gates.Slice(H, H), g = gates.Slice(2 * H, H), o = gates.Slice(3 * H, H);
            ReadOnlySpan<T> cPrev = s.C.AsSpan((t * B + r) * H, H), tanhC = s.TanhC.AsSpan((t * B + r) * H, H);
            var dGates = dz.Slice(r * G, G);
            Span<T> di = dGates[..H], df = dGates.Slice(H, H), dg = dGates.Slice(2 * H, H), dO = dGates.Slice(3 * H, H);
            Span<T> dhr = dh.Slice(r * H, H), dcr = dc.Slice(r * H, H);
            Ops.Mul<T>(dhr, tanhC, dO);                 // ∂o_t = ∂h_t⊙tanh(c_t)
            Ops.TanhGradAdd<T>(dhr, o, tanhC, dcr);     // ∂c_t += ∂h_t⊙o_t⊙(1-tanh²c_t)
            Ops.Mul<T>(dcr, g, di);                     // ∂i_t = ∂c_t⊙g_t
            Ops.Mul<T>(dcr, cPrev, df);                 // ∂f_t = ∂c_t⊙c_{t-1}
            Ops.Mul<T>(dcr, i, dg);                     // ∂g_t = ∂c_t⊙i_t
            Ops.Mul<T>(dcr, f, dcr);                    // ∂c_{t-1} = ∂c_t⊙f_t
            Ops.SigmoidGrad<T>(di, i, di);              // ∂z_i = ∂i_t⊙i_t(1-i_t)
            Ops.SigmoidGrad<T>(df, f, df);              // ∂z_f = ∂f_t⊙f_t(1-f_t)
            Ops.TanhGrad<T>(dg, g, dg);                 // ∂z_g = ∂g_t⊙(1-g_t²)
            Ops.SigmoidGrad<T>(dO, o, dO);              // ∂z_o = ∂o_t⊙o_t(1-o_t)
        }
        Ops.Gemm<T>(dz, W_hh.Value, dh, B, H, G);       // ∂h_{t-1} = W_hhᵀ ∂z_t
    }

    // The same step in reverse, fast tier: a share of the batch per thread, the pointwise lines fused.
    private void BackwardFast(LstmCache<T> s, ReadOnlySpan<T> dOutput)
    {
        int time = s.Time, batch = s.Batch, H = HiddenSize, G = 4 * H;
        _whh = Ops.Pack<T>(W_hh.Value, G, H, reuse: _whh);
        WorkerPool.ParallelRows(batch, 8, (long)time * G * H, dOutput, (r0, rows, dOut) =>
        {
            Span<T> Step(T[] a, int t, int width) => a.AsSpan((t * batch + r0) * width, rows * width);
            var dhr = _dh.AsSpan(r0 * H, rows * H); var dcr = _dc.AsSpan(r0 * H, rows * H);
            for (int t = time - 1; t >= 0; t--)
            {
                Ops.AddInPlace(dOut.Slice((t * batch + r0) * H, rows * H), dhr);
                s.Trace(t + 1, r0, dhr);
                LstmKernel.Backward<T>(Step(s.Gates, t, G), Step(s.C, t, H), Step(s.TanhC, t, H), dhr, dcr, Step(_dGates, t, G), H);
                Ops.Gemm(Step(_dGates, t, G), _whh!, dhr, rows, H, G);
            }
        });
    }
}
