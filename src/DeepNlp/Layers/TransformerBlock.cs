using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>A pre-norm Transformer block: x₁ = x + SelfAttention(LN₁(x)), then y = x₁ + W₂ GELU(W₁ LN₂(x₁) + b₁) + b₂.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// <para>The PyTorch equivalent is <c>nn.TransformerEncoderLayer(E, h, dim_feedforward, dropout=0, activation="gelu",
/// batch_first=True, norm_first=True)</c>, with the same state_dict names under the block's prefix: <c>self_attn.*</c>
/// (<see cref="MultiHeadSelfAttention{T}"/>), <c>linear1</c> [F, E], <c>linear2</c> [E, F], <c>norm1</c>, <c>norm2</c>.
/// (The kit's <see cref="Linear{T}"/> names its weight and bias <c>.W</c> and <c>.b</c>; PyTorch's are <c>.weight</c> and
/// <c>.bias</c>.) GELU is the exact erf form. No dropout.</para>
/// <para>The two residual connections are explicit: Forward adds the input of each sub-layer to its output, Backward sends
/// ∂y straight to ∂x₁ and ∂x₁ straight to ∂x beside the paths through the sub-layers, which is why gradients reach the
/// bottom of a deep stack undiminished. Taught in notebooks/10_attention_and_transformers.ipynb.</para>
/// </remarks>
public sealed class TransformerBlock<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _h1 = [], _a = [], _x1 = [], _h2 = [], _u = [], _g = [];
    private T[] _dg = [], _du = [], _dh = [], _dx1 = [];
    private int _batch, _time = -1;

    /// <summary>Creates a block with PyTorch's initialisation of each sub-layer.</summary>
    /// <param name="name">Prefix for the parameter names (e.g. <c>layers.0</c>).</param>
    /// <param name="modelSize">E.</param>
    /// <param name="heads">h; must divide E.</param>
    /// <param name="feedForwardSize">F, the hidden width of the feed-forward part (usually 4E).</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <exception cref="ArgumentException">h does not divide E.</exception>
    public TransformerBlock(string name, int modelSize, int heads, int feedForwardSize, Random rng)
    {
        ModelSize = modelSize;
        FeedForwardSize = feedForwardSize;
        SelfAttention = new MultiHeadSelfAttention<T>(name + ".self_attn", modelSize, heads, rng);
        Linear1 = new Linear<T>(name + ".linear1", modelSize, feedForwardSize, rng);
        Linear2 = new Linear<T>(name + ".linear2", feedForwardSize, modelSize, rng);
        Norm1 = new LayerNorm<T>(name + ".norm1", modelSize);
        Norm2 = new LayerNorm<T>(name + ".norm2", modelSize);
    }

    /// <summary>E.</summary>
    public int ModelSize { get; }

    /// <summary>F.</summary>
    public int FeedForwardSize { get; }

    /// <summary>The attention sub-layer.</summary>
    public MultiHeadSelfAttention<T> SelfAttention { get; }

    /// <summary>W₁ [F, E], b₁ [F].</summary>
    public Linear<T> Linear1 { get; }

    /// <summary>W₂ [E, F], b₂ [E].</summary>
    public Linear<T> Linear2 { get; }

    /// <summary>LN₁, before attention.</summary>
    public LayerNorm<T> Norm1 { get; }

    /// <summary>LN₂, before the feed-forward part.</summary>
    public LayerNorm<T> Norm2 { get; }

    /// <inheritdoc />
    /// <remarks>In <c>nn.TransformerEncoderLayer</c>'s state_dict order.</remarks>
    public IReadOnlyList<Parameter<T>> Parameters =>
        [.. SelfAttention.Parameters, .. Linear1.Parameters, .. Linear2.Parameters, .. Norm1.Parameters, .. Norm2.Parameters];

    /// <summary>Runs the block over a batch of sequences; keeps what Backward needs.</summary>
    /// <param name="x">Input [batch, time, E].</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Positions per sequence.</param>
    /// <param name="causal">Position t attends to positions 0..t only.</param>
    /// <param name="keyPadding">[batch, time], true where a position is padding, or empty.</param>
    /// <param name="y">Output [batch, time, E]; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length does not match batch·time·E.</exception>
    public void Forward(ReadOnlySpan<T> x, int batch, int time, bool causal, ReadOnlySpan<bool> keyPadding, Span<T> y)
    {
        int n = batch * time * ModelSize, nf = batch * time * FeedForwardSize;
        if (x.Length != n) throw new ArgumentException($"x has {x.Length} elements, expected batch {batch} × time {time} × {ModelSize}.", nameof(x));
        if (y.Length != n) throw new ArgumentException($"y has {y.Length} elements, expected {n}.", nameof(y));
        (_batch, _time) = (batch, time);
        Grow(ref _h1, n); Grow(ref _a, n); Grow(ref _x1, n); Grow(ref _h2, n); Grow(ref _u, nf); Grow(ref _g, nf);
        Span<T> h1 = _h1.AsSpan(0, n), a = _a.AsSpan(0, n), x1 = _x1.AsSpan(0, n), h2 = _h2.AsSpan(0, n), u = _u.AsSpan(0, nf), g = _g.AsSpan(0, nf);
        Norm1.Forward(x, h1);                                         // h₁ = LN₁(x)
        SelfAttention.Forward(h1, batch, time, causal, keyPadding, a);  // a = SelfAttention(h₁)
        Ops.Add(x, a, x1);                                            // x₁ = x + a          (residual)
        Norm2.Forward(x1, h2);                                        // h₂ = LN₂(x₁)
        Linear1.Forward(h2, u);                                       // u = W₁ h₂ + b₁
        Ops.Gelu<T>(u, g);                                            // g = GELU(u)
        Linear2.Forward(g, y);                                        // f = W₂ g + b₂
        Ops.AddInPlace<T>(x1, y);                                     // y = x₁ + f          (residual)
    }

    /// <summary>Accumulates every parameter's gradient and writes ∂x, for the last Forward.</summary>
    /// <param name="dy">∂L/∂y [batch, time, E].</param>
    /// <param name="dx">∂L/∂x [batch, time, E], overwritten; must not overlap <paramref name="dy"/>.</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">A length does not match the last Forward's.</exception>
    public void Backward(ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (_time < 0) throw new InvalidOperationException("TransformerBlock.Backward needs a Forward first.");
        int n = _batch * _time * ModelSize, nf = _batch * _time * FeedForwardSize;
        if (dy.Length != n) throw new ArgumentException($"dy has {dy.Length} elements, the last Forward had {n}.", nameof(dy));
        if (dx.Length != n) throw new ArgumentException($"dx has {dx.Length} elements, expected {n}.", nameof(dx));
        Grow(ref _dg, nf); Grow(ref _du, nf); Grow(ref _dh, n); Grow(ref _dx1, n);
        Span<T> dg = _dg.AsSpan(0, nf), du = _du.AsSpan(0, nf), dh = _dh.AsSpan(0, n), dx1 = _dx1.AsSpan(0, n);
        Linear2.Backward(_g.AsSpan(0, nf), dy, dg);                   // ∂g = W₂ᵀ ∂f, with ∂f = ∂y
        Ops.GeluBackward<T>(dg, _u.AsSpan(0, nf), du);                // ∂u = ∂g ⊙ GELU'(u)
        Linear1.Backward(_h2.AsSpan(0, n), du, dh);                   // ∂h₂ = W₁ᵀ ∂u
        Norm2.Backward(dh, dx1);                                      // ∂x₁ = LN₂'ᵀ ∂h₂
        Ops.AddInPlace(dy, dx1);                                      //      + ∂y            (residual)
        SelfAttention.Backward(dx1, dh);                              // ∂h₁ = SelfAttention'ᵀ ∂x₁
        Norm1.Backward(dh, dx);                                       // ∂x = LN₁'ᵀ ∂h₁
        Ops.AddInPlace<T>(dx1, dx);                                   //      + ∂x₁           (residual)
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
