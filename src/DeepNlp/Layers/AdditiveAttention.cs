using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Additive attention (Bahdanau et al. 2015): score(q, k) = vᵀ tanh(W_q q + W_k k).</summary>
/// <remarks>
/// <para>A one-hidden-layer network scores each (query, key) pair; it works when queries and keys differ in size.
/// Parameters <c>W_q</c> [A, Dq], <c>W_k</c> [A, Dk] and <c>v</c> [A], no biases (as in the paper's eq. 6 form
/// e_ij = vᵀ tanh(W s_{i-1} + U h_j)); initialised from U(-1/√fan_in, 1/√fan_in) like nn.Linear. Keys and values are the
/// same memory, masked positions get weight exactly 0. Forward keeps tanh(·) for every pair, so memory is
/// O(batch·queries·keys·A). Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class AdditiveAttention<T> : IAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _q = [], _m = [], _qp = [], _kp = [], _t = [], _e = [], _alpha = [], _dAlpha = [], _dqp = [], _dkp = [], _scratch = [];
    private bool[] _mask = [];
    private int _batch, _queries, _keys;

    /// <summary>Creates the layer with seeded weights.</summary>
    /// <param name="name">Prefix of the parameter names (<c>name.W_q</c>, <c>name.W_k</c>, <c>name.v</c>).</param>
    /// <param name="querySize">Dq.</param>
    /// <param name="memorySize">Dk.</param>
    /// <param name="attentionSize">A, the width of the scoring layer.</param>
    /// <param name="rng">Source of the initial weights.</param>
    public AdditiveAttention(string name, int querySize, int memorySize, int attentionSize, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        QuerySize = querySize; MemorySize = memorySize; AttentionSize = attentionSize;
        Wq = new Parameter<T>(name + ".W_q", attentionSize, querySize);
        Wk = new Parameter<T>(name + ".W_k", attentionSize, memorySize);
        V = new Parameter<T>(name + ".v", attentionSize);
        Init.Uniform<T>(Wq.Value, -1 / Math.Sqrt(querySize), 1 / Math.Sqrt(querySize), rng);
        Init.Uniform<T>(Wk.Value, -1 / Math.Sqrt(memorySize), 1 / Math.Sqrt(memorySize), rng);
        Init.Uniform<T>(V.Value, -1 / Math.Sqrt(attentionSize), 1 / Math.Sqrt(attentionSize), rng);
    }

    /// <summary>W_q [A, Dq].</summary>
    public Parameter<T> Wq { get; }

    /// <summary>W_k [A, Dk].</summary>
    public Parameter<T> Wk { get; }

    /// <summary>v [A].</summary>
    public Parameter<T> V { get; }

    /// <inheritdoc />
    public int QuerySize { get; }

    /// <inheritdoc />
    public int MemorySize { get; }

    /// <summary>A: width of the scoring layer.</summary>
    public int AttentionSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Wq, Wk, V];

    /// <inheritdoc />
    public ReadOnlySpan<T> Weights => _alpha.AsSpan(0, _batch * _queries * _keys);

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<T> queries, ReadOnlySpan<T> memory, ReadOnlySpan<bool> mask, int batch, int queryCount, int keyCount, Span<T> context)
    {
        AttentionKernels.CheckShapes(queries.Length, memory.Length, context.Length, batch, queryCount, keyCount, QuerySize, MemorySize);
        AttentionKernels.CheckMask(mask, batch, keyCount);
        int A = AttentionSize, B = batch, Tq = queryCount, Tk = keyCount, pairs = B * Tq * Tk;
        _batch = B; _queries = Tq; _keys = Tk;
        AttentionKernels.Keep(queries, ref _q); AttentionKernels.Keep(memory, ref _m); AttentionKernels.Keep(mask, ref _mask);
        AttentionKernels.Grow(ref _qp, B * Tq * A); AttentionKernels.Grow(ref _kp, B * Tk * A);
        AttentionKernels.Grow(ref _t, pairs * A); AttentionKernels.Grow(ref _e, pairs); AttentionKernels.Grow(ref _alpha, pairs);
        AttentionKernels.Gemm(false, true, B * Tq, A, QuerySize, queries, Wq.Value, _qp);          // W_q q_i
        AttentionKernels.Gemm(false, true, B * Tk, A, MemorySize, memory, Wk.Value, _kp);          // W_k k_j
        for (int b = 0; b < B; b++)
            for (int i = 0; i < Tq; i++)
                for (int j = 0; j < Tk; j++)
                {
                    int p = (b * Tq + i) * Tk + j;
                    var t = _t.AsSpan(p * A, A);
                    Ops.Add<T>(_qp.AsSpan((b * Tq + i) * A, A), _kp.AsSpan((b * Tk + j) * A, A), t);
                    Ops.Tanh<T>(t, t);                                                              // t_ij = tanh(W_q q_i + W_k k_j)
                    _e[p] = Ops.Dot<T>(V.Value, t);                                                 // e_ij = vᵀ t_ij
                }
        var alpha = _alpha.AsSpan(0, pairs);
        AttentionKernels.MaskedSoftmax<T>(_e.AsSpan(0, pairs), _mask.AsSpan(0, mask.Length), B, Tq, Tk, alpha);   // α_i = softmax_j(e_ij)
        AttentionKernels.WeightedSum<T>(alpha, memory, B, Tq, Tk, MemorySize, context);          // c_i = Σ_j α_ij k_j
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<T> dContext, Span<T> dQueries, Span<T> dMemory)
    {
        if (_batch == 0) throw new InvalidOperationException("Backward needs a Forward first.");
        int A = AttentionSize, B = _batch, Tq = _queries, Tk = _keys, pairs = B * Tq * Tk;
        AttentionKernels.CheckShapes(dQueries.Length, dMemory.Length, dContext.Length, B, Tq, Tk, QuerySize, MemorySize);
        var q = _q.AsSpan(0, B * Tq * QuerySize); var m = _m.AsSpan(0, B * Tk * MemorySize);
        AttentionKernels.Grow(ref _dAlpha, pairs); AttentionKernels.Grow(ref _dqp, B * Tq * A);
        AttentionKernels.Grow(ref _dkp, B * Tk * A); AttentionKernels.Grow(ref _scratch, A);
        var alpha = _alpha.AsSpan(0, pairs); var dAlpha = _dAlpha.AsSpan(0, pairs);
        dMemory.Clear();
        AttentionKernels.WeightedSumBackward<T>(alpha, m, dContext, B, Tq, Tk, MemorySize, dAlpha, dMemory);   // ∂α_ij = ∂c_i·k_j; ∂k_j += α_ij ∂c_i
        AttentionKernels.SoftmaxBackward<T>(alpha, dAlpha, B * Tq, Tk);                                     // ∂e_ij
        var dqp = _dqp.AsSpan(0, B * Tq * A); var dkp = _dkp.AsSpan(0, B * Tk * A); var dpre = _scratch.AsSpan(0, A);
        dqp.Clear(); dkp.Clear();
        for (int b = 0; b < B; b++)
            for (int i = 0; i < Tq; i++)
                for (int j = 0; j < Tk; j++)
                {
                    int p = (b * Tq + i) * Tk + j;
                    T de = dAlpha[p];
                    if (de == T.Zero) continue;                                                     // masked pairs carry no gradient
                    var t = _t.AsSpan(p * A, A);
                    Ops.Axpy<T>(de, t, V.Grad);                                                     // ∂v += ∂e_ij t_ij
                    Ops.Scale<T>(V.Value, de, dpre);
                    Ops.TanhGrad<T>(dpre, t, dpre);                                                 // ∂pre = ∂e_ij v ⊙ (1 - t_ij²)
                    Ops.AddInPlace<T>(dpre, dqp.Slice((b * Tq + i) * A, A));                        // ∂(W_q q_i) += ∂pre
                    Ops.AddInPlace<T>(dpre, dkp.Slice((b * Tk + j) * A, A));                        // ∂(W_k k_j) += ∂pre
                }
        AttentionKernels.Gemm(true, false, A, QuerySize, B * Tq, dqp, q, Wq.Grad, accumulate: true);      // ∂W_q += Σ ∂(W_q q)ᵀ q
        AttentionKernels.Gemm(true, false, A, MemorySize, B * Tk, dkp, m, Wk.Grad, accumulate: true);     // ∂W_k += Σ ∂(W_k k)ᵀ k
        AttentionKernels.Gemm(false, false, B * Tq, QuerySize, A, dqp, Wq.Value, dQueries);               // ∂q = W_qᵀ ∂(W_q q)
        AttentionKernels.Gemm(false, false, B * Tk, MemorySize, A, dkp, Wk.Value, dMemory, accumulate: true);   // ∂k += W_kᵀ ∂(W_k k)
    }
}
