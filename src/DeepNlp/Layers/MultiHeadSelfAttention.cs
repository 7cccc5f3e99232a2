using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Multi-head self-attention, batch first: Q, K, V = x W_qᵀ + b_q, …; each of h heads attends over d = E/h
/// columns; the heads are concatenated and projected, y = concat(O_1 … O_h) W_oᵀ + b_o.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// <para>Parameters follow <c>nn.MultiheadAttention(E, h, batch_first=True)</c>'s layout and state_dict names:
/// <c>name.in_proj_weight</c> [3E, E] (rows 0..E-1 are W_q, then W_k, then W_v), <c>name.in_proj_bias</c> [3E], and the
/// output projection <c>name.out_proj</c> (a <see cref="Linear{T}"/>, W_o [E, E], b_o [E]). Initialised as PyTorch:
/// in_proj_weight Xavier-uniform, both biases 0, W_o U(-1/√E, 1/√E). Head i uses columns i·d … (i+1)·d - 1 of Q, K and V.</para>
/// <para>Masks: causal (<c>attn_mask</c> = -inf above the diagonal) and key padding (<c>key_padding_mask</c>, true = pad);
/// see <see cref="ScaledDotProductAttention{T}"/>. The layer keeps its input and the per-head tensors of its last Forward.
/// Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class MultiHeadSelfAttention<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _x = [], _qkv = [], _heads = [], _o = [], _concat = [];
    private T[] _dConcat = [], _dO = [], _dHeads = [], _dQkv = [];
    private int _batch, _time = -1;

    /// <summary>Creates the layer with PyTorch's initialisation.</summary>
    /// <param name="name">Prefix for the parameter names (<c>name.in_proj_weight</c>, …, <c>name.out_proj.W</c>).</param>
    /// <param name="modelSize">E.</param>
    /// <param name="heads">h; must divide E.</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <exception cref="ArgumentException">h does not divide E.</exception>
    public MultiHeadSelfAttention(string name, int modelSize, int heads, Random rng)
    {
        if (heads <= 0 || modelSize % heads != 0) throw new ArgumentException($"{heads} heads do not divide the model size {modelSize}.", nameof(heads));
        ModelSize = modelSize;
        Heads = heads;
        InProjWeight = new Parameter<T>(name + ".in_proj_weight", 3 * modelSize, modelSize);
        InProjBias = new Parameter<T>(name + ".in_proj_bias", 3 * modelSize);
        Init.XavierUniform<T>(InProjWeight.Value, 3 * modelSize, modelSize, rng);
        OutProj = new Linear<T>(name + ".out_proj", modelSize, modelSize, rng);
        Array.Clear(OutProj.B!.Value);
    }

    /// <summary>E.</summary>
    public int ModelSize { get; }

    /// <summary>h.</summary>
    public int Heads { get; }

    /// <summary>d = E/h.</summary>
    public int HeadSize => ModelSize / Heads;

    /// <summary>[W_q; W_k; W_v] stacked [3E, E].</summary>
    public Parameter<T> InProjWeight { get; }

    /// <summary>[b_q; b_k; b_v] [3E].</summary>
    public Parameter<T> InProjBias { get; }

    /// <summary>W_o [E, E] and b_o [E].</summary>
    public Linear<T> OutProj { get; }

    /// <summary>The attention itself; its <see cref="ScaledDotProductAttention{T}.Weights"/> are the last Forward's [batch, heads, time, time].</summary>
    public ScaledDotProductAttention<T> Attention { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [InProjWeight, InProjBias, .. OutProj.Parameters];

    /// <summary>y = MultiHead(x, x, x) for a batch of sequences.</summary>
    /// <param name="x">Input [batch, time, E].</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Positions per sequence.</param>
    /// <param name="causal">Position t attends to positions 0..t only.</param>
    /// <param name="keyPadding">[batch, time], true where a position is padding (attended by nobody), or empty.</param>
    /// <param name="y">Output [batch, time, E]; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length does not match batch·time·E.</exception>
    public void Forward(ReadOnlySpan<T> x, int batch, int time, bool causal, ReadOnlySpan<bool> keyPadding, Span<T> y)
    {
        int E = ModelSize, n = batch * time * E;
        if (x.Length != n) throw new ArgumentException($"x has {x.Length} elements, expected batch {batch} × time {time} × {E}.", nameof(x));
        if (y.Length != n) throw new ArgumentException($"y has {y.Length} elements, expected {n}.", nameof(y));
        (_batch, _time) = (batch, time);
        Grow(ref _x, n); Grow(ref _qkv, 3 * n); Grow(ref _heads, 3 * n); Grow(ref _o, n); Grow(ref _concat, n);
        x.CopyTo(_x);
        var qkv = _qkv.AsSpan(0, 3 * n);
        TransformerGemm.Multiply(false, true, batch * time, 3 * E, E, x, InProjWeight.Value, qkv);   // [q k v] = x W_inᵀ
        Ops.AddRowVector<T>(InProjBias.Value, qkv);                                                  //   + b_in
        SplitHeads(qkv, _heads.AsSpan(0, 3 * n), batch, time);
        var heads = _heads.AsSpan(0, 3 * n);
        var o = _o.AsSpan(0, n);
        Attention.Forward(heads[..n], heads.Slice(n, n), heads.Slice(2 * n, n), batch, Heads, time, HeadSize, causal, keyPadding, o);   // O_i = softmax(Q_i K_iᵀ/√d) V_i
        var concat = _concat.AsSpan(0, n);
        MergeHeads(o, concat, 0, batch, time);                                                       // concat(O_1 … O_h)
        OutProj.Forward(concat, y);                                                                  // y = concat W_oᵀ + b_o
    }

    /// <summary>Accumulates the gradients of every parameter and writes ∂x, for the last Forward.</summary>
    /// <param name="dy">∂L/∂y [batch, time, E].</param>
    /// <param name="dx">∂L/∂x [batch, time, E], overwritten.</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">A length does not match the last Forward's.</exception>
    public void Backward(ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (_time < 0) throw new InvalidOperationException("MultiHeadSelfAttention.Backward needs a Forward first.");
        int E = ModelSize, batch = _batch, time = _time, n = batch * time * E;
        if (dy.Length != n) throw new ArgumentException($"dy has {dy.Length} elements, the last Forward had {n}.", nameof(dy));
        if (dx.Length != n) throw new ArgumentException($"dx has {dx.Length} elements, expected {n}.", nameof(dx));
        Grow(ref _dConcat, n); Grow(ref _dO, n); Grow(ref _dHeads, 3 * n); Grow(ref _dQkv, 3 * n);
        var dConcat = _dConcat.AsSpan(0, n);
        OutProj.Backward(_concat.AsSpan(0, n), dy, dConcat);                                         // ∂W_o += ∂yᵀ concat; ∂concat = ∂y W_o
        var dO = _dO.AsSpan(0, n);
        SplitHeads(dConcat, dO, batch, time, parts: 1);
        var heads = _heads.AsSpan(0, 3 * n);
        var dHeads = _dHeads.AsSpan(0, 3 * n);
        Attention.Backward(heads[..n], heads.Slice(n, n), heads.Slice(2 * n, n), dO, dHeads[..n], dHeads.Slice(n, n), dHeads.Slice(2 * n, n));
        var dQkv = _dQkv.AsSpan(0, 3 * n);
        for (int part = 0; part < 3; part++) MergeHeads(dHeads.Slice(part * n, n), dQkv, part, batch, time);
        TransformerGemm.Multiply(true, false, 3 * E, E, batch * time, dQkv, _x.AsSpan(0, n), InProjWeight.Grad, accumulate: true);   // ∂W_in += ∂qkvᵀ x
        Ops.SumRowsAccumulate<T>(dQkv, InProjBias.Grad);                                                                           // ∂b_in += Σ ∂qkv
        TransformerGemm.Multiply(false, false, batch * time, E, 3 * E, dQkv, InProjWeight.Value, dx);                              // ∂x = ∂qkv W_in
    }

    // rows [batch·time, parts·E] (parts = 3 for q|k|v) → parts blocks of [batch, heads, time, d].
    private void SplitHeads(ReadOnlySpan<T> rows, Span<T> heads, int batch, int time, int parts = 3)
    {
        int E = ModelSize, d = HeadSize, n = batch * time * E, width = parts * E;
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
            {
                var row = rows.Slice((b * time + t) * width, width);
                for (int part = 0; part < parts; part++)
                    for (int h = 0; h < Heads; h++)
                        row.Slice(part * E + h * d, d).CopyTo(heads.Slice(part * n + ((b * Heads + h) * time + t) * d, d));
            }
    }

    // One [batch, heads, time, d] block → columns part·E … part·E + E - 1 of rows [batch·time, width].
    private void MergeHeads(ReadOnlySpan<T> heads, Span<T> rows, int part, int batch, int time)
    {
        int E = ModelSize, d = HeadSize, width = rows.Length / (batch * time);
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < Heads; h++)
                for (int t = 0; t < time; t++)
                    heads.Slice(((b * Heads + h) * time + t) * d, d).CopyTo(rows.Slice((b * time + t) * width + part * E + h * d, d));
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
