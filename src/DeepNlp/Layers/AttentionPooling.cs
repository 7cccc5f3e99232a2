using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Attention pooling for sequence classification (Yang et al. 2016): a learned query u scores every step, and the
/// sequence vector is the attention-weighted mean of its states.</summary>
/// <remarks>
/// <para>u_t = tanh(W h_t + b), α = softmax_t(uᵀ u_t) over the real steps, s = Σ_t α_t h_t. It is additive attention
/// whose query is a parameter rather than a decoder state. Parameters <c>W</c> [A, D], <c>b</c> [A], <c>u</c> [A],
/// initialised from U(-1/√fan_in, 1/√fan_in). Padding steps (t ≥ length) get weight exactly 0. Where max pooling keeps one
/// step per feature and mean pooling weighs all steps alike, this learns which steps matter, and α is readable.
/// Taught in notebooks/10_attention_and_transformers.ipynb beside lecture 08's max and mean pooling.</para>
/// </remarks>
public sealed class AttentionPooling<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _h = [], _u = [], _e = [], _alpha = [], _dAlpha = [], _dPre = [];
    private bool[] _mask = [];
    private int _time, _batch;

    /// <summary>Creates the pooling layer with seeded weights.</summary>
    /// <param name="name">Prefix of the parameter names (<c>name.W</c>, <c>name.b</c>, <c>name.u</c>).</param>
    /// <param name="inputSize">D: features per step.</param>
    /// <param name="attentionSize">A: width of the scoring layer.</param>
    /// <param name="rng">Source of the initial weights.</param>
    public AttentionPooling(string name, int inputSize, int attentionSize, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        InputSize = inputSize; AttentionSize = attentionSize;
        W = new Parameter<T>(name + ".W", attentionSize, inputSize);
        B = new Parameter<T>(name + ".b", attentionSize);
        U = new Parameter<T>(name + ".u", attentionSize);
        double a = 1 / Math.Sqrt(inputSize);
        Init.Uniform<T>(W.Value, -a, a, rng);
        Init.Uniform<T>(B.Value, -a, a, rng);
        Init.Uniform<T>(U.Value, -1 / Math.Sqrt(attentionSize), 1 / Math.Sqrt(attentionSize), rng);
    }

    /// <summary>W [A, D].</summary>
    public Parameter<T> W { get; }

    /// <summary>b [A].</summary>
    public Parameter<T> B { get; }

    /// <summary>u [A], the learned query.</summary>
    public Parameter<T> U { get; }

    /// <summary>D.</summary>
    public int InputSize { get; }

    /// <summary>A.</summary>
    public int AttentionSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W, B, U];

    /// <summary>α of the last Forward [batch, time]: each row sums to 1 over the real steps, padding is exactly 0.</summary>
    public ReadOnlySpan<T> Weights => _alpha.AsSpan(0, _batch * _time);

    /// <summary>Pools each sequence into one vector; keeps what Backward needs.</summary>
    /// <param name="states">h [time, batch, D], time-major as the recurrent layers return it.</param>
    /// <param name="time">T.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="lengths">Real steps per sequence (right padding); empty means all T.</param>
    /// <param name="pooled">s [batch, D], overwritten.</param>
    /// <exception cref="ArgumentException">A length does not match, or a sequence length is outside 1..T.</exception>
    public void Forward(ReadOnlySpan<T> states, int time, int batch, ReadOnlySpan<int> lengths, Span<T> pooled)
    {
        int D = InputSize, A = AttentionSize, n = time * batch;
        if (time <= 0 || batch <= 0) throw new ArgumentException($"time and batch must be positive, got {time} and {batch}.", nameof(time));
        if (states.Length != n * D) throw new ArgumentException($"states has {states.Length} elements, expected [{time}, {batch}, {D}].", nameof(states));
        if (pooled.Length != batch * D) throw new ArgumentException($"pooled has {pooled.Length} elements, expected [{batch}, {D}].", nameof(pooled));
        if (!lengths.IsEmpty && lengths.Length != batch) throw new ArgumentException($"{lengths.Length} lengths for {batch} sequences.", nameof(lengths));
        _time = time; _batch = batch;
        AttentionKernels.Keep(states, ref _h);
        AttentionKernels.Grow(ref _u, n * A); AttentionKernels.Grow(ref _e, n); AttentionKernels.Grow(ref _alpha, n); AttentionKernels.Grow(ref _mask, n);
        for (int b = 0; b < batch; b++)
        {
            int len = lengths.IsEmpty ? time : lengths[b];
            if (len < 1 || len > time) throw new ArgumentException($"Sequence {b} has length {len}, outside 1..{time}.", nameof(lengths));
            for (int t = 0; t < time; t++) _mask[b * time + t] = t < len;
        }
        var u = _u.AsSpan(0, n * A);
        AttentionKernels.Gemm(false, true, n, A, D, states, W.Value, u);
        Ops.AddRowVector<T>(B.Value, u);
        Ops.Tanh<T>(u, u);                                                                    // u_t = tanh(W h_t + b)
        for (int t = 0; t < time; t++)
            for (int b = 0; b < batch; b++)
                _e[b * time + t] = Ops.Dot<T>(U.Value, u.Slice((t * batch + b) * A, A));       // e_t = uᵀ u_t, stored [batch, time]
        var alpha = _alpha.AsSpan(0, n);
        AttentionKernels.MaskedSoftmax<T>(_e.AsSpan(0, n), _mask.AsSpan(0, n), batch, 1, time, alpha);   // α = softmax_t(e_t)
        pooled.Clear();
        for (int t = 0; t < time; t++)
            for (int b = 0; b < batch; b++)
                Ops.Axpy(alpha[b * time + t], states.Slice((t * batch + b) * D, D), pooled.Slice(b * D, D));   // s = Σ_t α_t h_t
    }

    /// <summary>Backpropagates ∂L/∂s of the last Forward; accumulates parameter gradients.</summary>
    /// <param name="dPooled">∂L/∂s [batch, D].</param>
    /// <param name="dStates">∂L/∂h [time, batch, D], overwritten.</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">A length does not match the last Forward.</exception>
    public void Backward(ReadOnlySpan<T> dPooled, Span<T> dStates)
    {
        if (_batch == 0) throw new InvalidOperationException("Backward needs a Forward first.");
        int D = InputSize, A = AttentionSize, time = _time, batch = _batch, n = time * batch;
        if (dPooled.Length != batch * D) throw new ArgumentException($"dPooled has {dPooled.Length} elements, expected [{batch}, {D}].", nameof(dPooled));
        if (dStates.Length != n * D) throw new ArgumentException($"dStates has {dStates.Length} elements, expected [{time}, {batch}, {D}].", nameof(dStates));
        var h = _h.AsSpan(0, n * D); var u = _u.AsSpan(0, n * A); var alpha = _alpha.AsSpan(0, n);
        AttentionKernels.Grow(ref _dAlpha, n); AttentionKernels.Grow(ref _dPre, n * A);
        var dAlpha = _dAlpha.AsSpan(0, n); var dPre = _dPre.AsSpan(0, n * A);
        for (int t = 0; t < time; t++)
            for (int b = 0; b < batch; b++)
            {
                var ds = dPooled.Slice(b * D, D);
                dAlpha[b * time + t] = Ops.Dot(ds, h.Slice((t * batch + b) * D, D));              // ∂α_t = ∂s · h_t
                Ops.Scale(ds, alpha[b * time + t], dStates.Slice((t * batch + b) * D, D));        // ∂h_t = α_t ∂s (+ score path below)
            }
        AttentionKernels.SoftmaxBackward<T>(alpha, dAlpha, batch, time);                          // ∂e_t
        for (int t = 0; t < time; t++)
            for (int b = 0; b < batch; b++)
            {
                T de = dAlpha[b * time + t];
                var ut = u.Slice((t * batch + b) * A, A);
                var dp = dPre.Slice((t * batch + b) * A, A);
                Ops.Axpy<T>(de, ut, U.Grad);                                                      // ∂u += ∂e_t u_t
                Ops.Scale<T>(U.Value, de, dp);
                Ops.TanhGrad<T>(dp, ut, dp);                                                      // ∂(W h_t + b) = ∂e_t u ⊙ (1 - u_t²)
            }
        AttentionKernels.Gemm(true, false, A, D, n, dPre, h, W.Grad, accumulate: true);          // ∂W += Σ_t ∂pre_t h_tᵀ
        Ops.SumRowsAccumulate<T>(dPre, B.Grad);                                                   // ∂b += Σ_t ∂pre_t
        AttentionKernels.Gemm(false, false, n, D, A, dPre, W.Value, dStates, accumulate: true);  // ∂h_t += Wᵀ ∂pre_t
    }
}
