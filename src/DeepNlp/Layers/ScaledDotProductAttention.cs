using System.Numerics;
using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Scaled dot-product attention for many heads at once: O = softmax(Q Kᵀ/√d + mask) V, with causal and key-padding masks.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// <para>Q, K, V and O are laid out [batch, heads, time, d]: every (sequence, head) pair is a contiguous [time, d] block, so
/// each pair is two GEMMs and a row softmax. Pairs are independent and run in parallel. For <see cref="float"/> on AVX2/FMA
/// the products of a pair run in <c>Kernels/AttentionF32</c> (register-tiled, skipping the masked triangle when causal). The softmax subtracts each row's
/// maximum; masked keys (later positions when causal, padding keys) get weight exactly 0, and a query with no allowed key
/// gets an all-zero row (PyTorch gives NaN there).</para>
/// <para>The PyTorch equivalent is the attention inside <c>nn.MultiheadAttention</c> (in 1.13,
/// <c>F._scaled_dot_product_attention</c> after the heads are split), with an additive <c>attn_mask</c> of -inf above the
/// diagonal and a boolean <c>key_padding_mask</c>. Backward: ∂V = Pᵀ ∂O, ∂P = ∂O Vᵀ, ∂S = P ⊙ (∂P - rowsum(P ⊙ ∂P)),
/// ∂Q = ∂S K/√d, ∂K = ∂Sᵀ Q/√d. Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class ScaledDotProductAttention<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _p = [], _dp = [];
    private bool[] _padding = [];
    private int _batch, _heads, _time, _headSize = -1;
    private bool _causal;

    /// <summary>The attention weights P of the last Forward [batch, heads, time, time] (row = query, column = key).</summary>
    public ReadOnlySpan<T> Weights => _p.AsSpan(0, _batch * _heads * _time * _time);

    /// <summary>Computes O = softmax(Q Kᵀ/√d + mask) V for every sequence and head; keeps P for Backward.</summary>
    /// <param name="q">Queries [batch, heads, time, d].</param>
    /// <param name="k">Keys [batch, heads, time, d].</param>
    /// <param name="v">Values [batch, heads, time, d].</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="heads">Heads per sequence.</param>
    /// <param name="time">Positions per sequence (queries and keys alike: self-attention).</param>
    /// <param name="headSize">d.</param>
    /// <param name="causal">Query t attends to keys 0..t only.</param>
    /// <param name="keyPadding">[batch, time], true where a key is padding, or empty for none.</param>
    /// <param name="output">O [batch, heads, time, d].</param>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public unsafe void Forward(ReadOnlySpan<T> q, ReadOnlySpan<T> k, ReadOnlySpan<T> v, int batch, int heads, int time, int headSize,
        bool causal, ReadOnlySpan<bool> keyPadding, Span<T> output)
    {
        int block = time * headSize, groups = batch * heads, n = groups * block;
        Need(q.Length, n, nameof(q)); Need(k.Length, n, nameof(k)); Need(v.Length, n, nameof(v)); Need(output.Length, n, nameof(output));
        if (!keyPadding.IsEmpty) Need(keyPadding.Length, batch * time, nameof(keyPadding));
        (_batch, _heads, _time, _headSize, _causal) = (batch, heads, time, headSize, causal);
        if (_p.Length < groups * time * time) { _p = new T[groups * time * time]; _dp = new T[groups * time * time]; }
        if (_padding.Length < batch * time) _padding = new bool[batch * time];
        bool padded = !keyPadding.IsEmpty;
        if (padded) keyPadding.CopyTo(_padding);
        T scale = T.One / T.Sqrt(T.CreateTruncating(headSize));
        fixed (T* qp = q, kp = k, vp = v, op = output, pp = _p)
        {
            nint qa = (nint)qp, ka = (nint)kp, va = (nint)vp, oa = (nint)op, pa = (nint)pp;
            var padding = _padding;
            if (typeof(T) == typeof(float) && AttentionF32.IsSupported)
            {
                float fscale = float.CreateTruncating(scale);
                WorkerPool.ParallelFor(groups, g => AttentionF32.Forward(
                    (float*)qa + (long)g * block, (float*)ka + (long)g * block, (float*)va + (long)g * block, (float*)pa + (long)g * time * time,
                    (float*)oa + (long)g * block, time, headSize, fscale, causal, padded ? padding.AsSpan(g / heads * time, time) : default));
                return;
            }
            WorkerPool.ParallelFor(groups, g =>
            {
                var s = new Span<T>((T*)pa + (long)g * time * time, time * time);
                TransformerGemm.Multiply(false, true, time, time, headSize,
                    new ReadOnlySpan<T>((T*)qa + (long)g * block, block), new ReadOnlySpan<T>((T*)ka + (long)g * block, block), s);   // S = Q Kᵀ
                Ops.Scale<T>(s, scale, s);                                                                                         //   / √d
                Ops.MaskedSoftmaxRows(s, time, causal, padded ? padding.AsSpan(g / heads * time, time) : default);                 // P = softmax(S + mask)
                TransformerGemm.Multiply<T>(false, false, time, headSize, time, s,
                    new ReadOnlySpan<T>((T*)va + (long)g * block, block), new Span<T>((T*)oa + (long)g * block, block));          // O = P V
            });
        }
    }

    /// <summary>Writes ∂Q, ∂K and ∂V from ∂O, using P of the last Forward.</summary>
    /// <param name="q">The queries given to Forward [batch, heads, time, d].</param>
    /// <param name="k">The keys given to Forward.</param>
    /// <param name="v">The values given to Forward.</param>
    /// <param name="dOutput">∂L/∂O [batch, heads, time, d].</param>
    /// <param name="dq">∂L/∂Q, overwritten.</param>
    /// <param name="dk">∂L/∂K, overwritten.</param>
    /// <param name="dv">∂L/∂V, overwritten.</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">A length does not match the last Forward's shape.</exception>
    public unsafe void Backward(ReadOnlySpan<T> q, ReadOnlySpan<T> k, ReadOnlySpan<T> v, ReadOnlySpan<T> dOutput, Span<T> dq, Span<T> dk, Span<T> dv)
    {
        if (_headSize < 0) throw new InvalidOperationException("ScaledDotProductAttention.Backward needs a Forward first.");
        int time = _time, headSize = _headSize, block = time * headSize, groups = _batch * _heads, n = groups * block;
        Need(q.Length, n, nameof(q)); Need(k.Length, n, nameof(k)); Need(v.Length, n, nameof(v)); Need(dOutput.Length, n, nameof(dOutput));
        Need(dq.Length, n, nameof(dq)); Need(dk.Length, n, nameof(dk)); Need(dv.Length, n, nameof(dv));
        T scale = T.One / T.Sqrt(T.CreateTruncating(headSize));
        fixed (T* qp = q, kp = k, vp = v, dop = dOutput, dqp = dq, dkp = dk, dvp = dv, pp = _p, dpp = _dp)
        {
            nint qa = (nint)qp, ka = (nint)kp, va = (nint)vp, doa = (nint)dop, dqa = (nint)dqp, dka = (nint)dkp, dva = (nint)dvp,
                pa = (nint)pp, dpa = (nint)dpp;
            if (typeof(T) == typeof(float) && AttentionF32.IsSupported)
            {
                float fscale = float.CreateTruncating(scale);
                bool causal = _causal;
                WorkerPool.ParallelFor(groups, g => AttentionF32.Backward(
                    (float*)qa + (long)g * block, (float*)ka + (long)g * block, (float*)va + (long)g * block, (float*)pa + (long)g * time * time,
                    (float*)doa + (long)g * block, (float*)dpa + (long)g * time * time,
                    (float*)dqa + (long)g * block, (float*)dka + (long)g * block, (float*)dva + (long)g * block, time, headSize, fscale, causal));
                return;
            }
            WorkerPool.ParallelFor(groups, g =>
            {
                var p = new ReadOnlySpan<T>((T*)pa + (long)g * time * time, time * time);
                var ds = new Span<T>((T*)dpa + (long)g * time * time, time * time);
                var dO = new ReadOnlySpan<T>((T*)doa + (long)g * block, block);
                TransformerGemm.Multiply(false, true, time, time, headSize, dO, new ReadOnlySpan<T>((T*)va + (long)g * block, block), ds);   // ∂P = ∂O Vᵀ
                TransformerGemm.Multiply(true, false, time, headSize, time, p, dO, new Span<T>((T*)dva + (long)g * block, block));          // ∂V = Pᵀ ∂O
                Ops.SoftmaxBackwardRows(p, ds, time);                                                                                        // ∂S = P ⊙ (∂P - rowsum)
                Ops.Scale<T>(ds, scale, ds);                                                                                                 //   / √d
                TransformerGemm.Multiply<T>(false, false, time, headSize, time, ds,
                    new ReadOnlySpan<T>((T*)ka + (long)g * block, block), new Span<T>((T*)dqa + (long)g * block, block));                    // ∂Q = ∂S K
                TransformerGemm.Multiply<T>(true, false, time, headSize, time, ds,
                    new ReadOnlySpan<T>((T*)qa + (long)g * block, block), new Span<T>((T*)dka + (long)g * block, block));                    // ∂K = ∂Sᵀ Q
            });
        }
    }

    private static void Need(int length, int expected, string name)
    {
        if (length != expected) throw new ArgumentException($"{name} has {length} elements, expected {expected}.", name);
    }
}
