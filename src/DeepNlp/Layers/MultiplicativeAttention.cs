using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Multiplicative attention (Luong et al. 2015): "general" score(q, k) = qᵀ W k, or "dot" score(q, k) = qᵀ k.</summary>
/// <remarks>
/// <para>One bilinear form per pair instead of Bahdanau's small network: the scores of a batch row are one matrix product
/// E = Q (M Wᵀ)ᵀ. "general" has <c>W</c> [Dq, Dk] (Luong's W_a, initialised from U(-1/√Dk, 1/√Dk)); "dot" has no
/// parameters and needs Dq = Dk. Scores are not scaled by 1/√D (that is the Transformer's scaled dot product); keys and
/// values are the same memory; masked positions get weight exactly 0. Taught in
/// notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class MultiplicativeAttention<T> : IAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _q = [], _m = [], _kp = [], _e = [], _alpha = [], _dAlpha = [], _dkp = [];
    private bool[] _mask = [];
    private int _batch, _queries, _keys;

    /// <summary>Creates the layer; <paramref name="general"/> false gives the parameter-free "dot" score.</summary>
    /// <param name="name">Prefix of the parameter name (<c>name.W</c>).</param>
    /// <param name="querySize">Dq.</param>
    /// <param name="memorySize">Dk (must equal Dq for "dot").</param>
    /// <param name="rng">Source of the initial weights.</param>
    /// <param name="general">Score qᵀ W k (true) or qᵀ k (false).</param>
    /// <exception cref="ArgumentException">"dot" with Dq ≠ Dk.</exception>
    public MultiplicativeAttention(string name, int querySize, int memorySize, Random rng, bool general = true)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!general && querySize != memorySize)
            throw new ArgumentException($"The dot score needs equal query and memory sizes, got {querySize} and {memorySize}.", nameof(memorySize));
        QuerySize = querySize; MemorySize = memorySize;
        if (general)
        {
            W = new Parameter<T>(name + ".W", querySize, memorySize);
            Init.Uniform<T>(W.Value, -1 / Math.Sqrt(memorySize), 1 / Math.Sqrt(memorySize), rng);
        }
    }

    /// <summary>W [Dq, Dk] of the "general" score, or null for "dot".</summary>
    public Parameter<T>? W { get; }

    /// <summary>Whether the score is "general" (qᵀ W k) rather than "dot".</summary>
    public bool IsGeneral => W is not null;

    /// <inheritdoc />
    public int QuerySize { get; }

    /// <inheritdoc />
    public int MemorySize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => W is null ? [] : [W];

    /// <inheritdoc />
    public ReadOnlySpan<T> Weights => _alpha.AsSpan(0, _batch * _queries * _keys);

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<T> queries, ReadOnlySpan<T> memory, ReadOnlySpan<bool> mask, int batch, int queryCount, int keyCount, Span<T> context)
    {
        AttentionKernels.CheckShapes(queries.Length, memory.Length, context.Length, batch, queryCount, keyCount, QuerySize, MemorySize);
        AttentionKernels.CheckMask(mask, batch, keyCount);
        int B = batch, Tq = queryCount, Tk = keyCount, Dq = QuerySize, pairs = B * Tq * Tk;
        _batch = B; _queries = Tq; _keys = Tk;
        AttentionKernels.Keep(queries, ref _q); AttentionKernels.Keep(memory, ref _m); AttentionKernels.Keep(mask, ref _mask);
        AttentionKernels.Grow(ref _kp, B * Tk * Dq); AttentionKernels.Grow(ref _e, pairs); AttentionKernels.Grow(ref _alpha, pairs);
        var kp = _kp.AsSpan(0, B * Tk * Dq);
        if (W is null) memory.CopyTo(kp);
        else AttentionKernels.Gemm(false, true, B * Tk, Dq, MemorySize, memory, W.Value, kp);          // W k_j for every key
        for (int b = 0; b < B; b++)
            AttentionKernels.Gemm(false, true, Tq, Tk, Dq, queries.Slice(b * Tq * Dq, Tq * Dq), kp.Slice(b * Tk * Dq, Tk * Dq),
                _e.AsSpan(b * Tq * Tk, Tq * Tk));                                                          // e_ij = q_iᵀ (W k_j)
        var alpha = _alpha.AsSpan(0, pairs);
        AttentionKernels.MaskedSoftmax<T>(_e.AsSpan(0, pairs), _mask.AsSpan(0, mask.Length), B, Tq, Tk, alpha);   // α_i = softmax_j(e_ij)
        AttentionKernels.WeightedSum<T>(alpha, memory, B, Tq, Tk, MemorySize, context);              // c_i = Σ_j α_ij k_j
    }

    /// <inheritdoc />
    public void Backward(ReadOnlySpan<T> dContext, Span<T> dQueries, Span<T> dMemory)
    {
        if (_batch == 0) throw new InvalidOperationException("Backward needs a Forward first.");
        int B = _batch, Tq = _queries, Tk = _keys, Dq = QuerySize, pairs = B * Tq * Tk;
        AttentionKernels.CheckShapes(dQueries.Length, dMemory.Length, dContext.Length, B, Tq, Tk, QuerySize, MemorySize);
        var q = _q.AsSpan(0, B * Tq * Dq); var m = _m.AsSpan(0, B * Tk * MemorySize); var kp = _kp.AsSpan(0, B * Tk * Dq);
        AttentionKernels.Grow(ref _dAlpha, pairs); AttentionKernels.Grow(ref _dkp, B * Tk * Dq);
        var alpha = _alpha.AsSpan(0, pairs); var dAlpha = _dAlpha.AsSpan(0, pairs); var dkp = _dkp.AsSpan(0, B * Tk * Dq);
        dMemory.Clear();
        AttentionKernels.WeightedSumBackward<T>(alpha, m, dContext, B, Tq, Tk, MemorySize, dAlpha, dMemory);   // ∂α, value part of ∂k
        AttentionKernels.SoftmaxBackward<T>(alpha, dAlpha, B * Tq, Tk);                                     // ∂e
        for (int b = 0; b < B; b++)
        {
            var de = dAlpha.Slice(b * Tq * Tk, Tq * Tk);
            AttentionKernels.Gemm(false, false, Tq, Dq, Tk, de, kp.Slice(b * Tk * Dq, Tk * Dq), dQueries.Slice(b * Tq * Dq, Tq * Dq));   // ∂q_i = Σ_j ∂e_ij W k_j
            AttentionKernels.Gemm(true, false, Tk, Dq, Tq, de, q.Slice(b * Tq * Dq, Tq * Dq), dkp.Slice(b * Tk * Dq, Tk * Dq));         // ∂(W k_j) = Σ_i ∂e_ij q_i
        }
        if (W is null) { Ops.AddInPlace<T>(dkp, dMemory); return; }
        AttentionKernels.Gemm(true, false, Dq, MemorySize, B * Tk, dkp, m, W.Grad, accumulate: true);              // ∂W += Σ_j ∂(W k_j) k_jᵀ
        AttentionKernels.Gemm(false, false, B * Tk, MemorySize, Dq, dkp, W.Value, dMemory, accumulate: true);      // ∂k_j += Wᵀ ∂(W k_j)
    }
}
