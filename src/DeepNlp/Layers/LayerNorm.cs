using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Layer normalisation over the last dimension, y = γ ⊙ (x - μ)/√(σ² + ε) + β, as PyTorch's <c>nn.LayerNorm(size)</c>.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// Parameters are named as <c>nn.LayerNorm</c>'s state_dict, <c>name.weight</c> (γ, initialised to 1) and <c>name.bias</c>
/// (β, initialised to 0); ε = 1e-5 and the variance is the biased one (divided by the size), as PyTorch. The layer keeps x̂
/// and 1/√(σ² + ε) of its last Forward for Backward. Taught with the Transformer block in
/// notebooks/10_attention_and_transformers.ipynb.
/// </remarks>
public sealed class LayerNorm<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _xHat = [], _rstd = [];
    private int _rows = -1;

    /// <summary>Creates a layer norm with γ = 1, β = 0.</summary>
    /// <param name="name">Prefix for the parameter names (<c>name.weight</c>, <c>name.bias</c>).</param>
    /// <param name="size">Length of the normalised dimension.</param>
    /// <param name="epsilon">ε added to the variance.</param>
    /// <exception cref="ArgumentException">The size is not positive.</exception>
    public LayerNorm(string name, int size, double epsilon = 1e-5)
    {
        Weight = new Parameter<T>(name + ".weight", size);
        Bias = new Parameter<T>(name + ".bias", size);
        Array.Fill(Weight.Value, T.One);
        Size = size;
        Epsilon = epsilon;
    }

    /// <summary>γ [size].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>β [size].</summary>
    public Parameter<T> Bias { get; }

    /// <summary>Length of the normalised dimension.</summary>
    public int Size { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Weight, Bias];

    /// <summary>y = γ ⊙ x̂ + β for every row of x; keeps x̂ and the reciprocal standard deviations for Backward.</summary>
    /// <param name="x">Input [rows, size].</param>
    /// <param name="y">Output [rows, size]; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">A length is not a multiple of the size, or x and y differ.</exception>
    public void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        if (x.Length % Size != 0) throw new ArgumentException($"Input length {x.Length} is not a multiple of {Size}.", nameof(x));
        _rows = x.Length / Size;
        Grow(ref _xHat, x.Length);
        Grow(ref _rstd, _rows);
        Ops.LayerNormRows(x, Weight.Value, Bias.Value, T.CreateTruncating(Epsilon), _xHat.AsSpan(0, x.Length), _rstd.AsSpan(0, _rows), y);
    }

    /// <summary>Accumulates ∂γ += Σ ∂y ⊙ x̂ and ∂β += Σ ∂y, and writes ∂x = r (g - mean g - x̂ ⊙ mean(g ⊙ x̂)) with g = ∂y ⊙ γ.</summary>
    /// <param name="dy">∂L/∂y [rows, size], the rows of the last Forward.</param>
    /// <param name="dx">∂L/∂x [rows, size], overwritten; must not overlap <paramref name="dy"/>.</param>
    /// <exception cref="InvalidOperationException">No Forward ran.</exception>
    /// <exception cref="ArgumentException">The lengths differ from the last Forward's.</exception>
    public void Backward(ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (_rows < 0) throw new InvalidOperationException("LayerNorm.Backward needs a Forward first.");
        int n = _rows * Size;
        if (dy.Length != n) throw new ArgumentException($"dy has {dy.Length} elements, the last Forward had {n}.", nameof(dy));
        Ops.LayerNormBackwardRows<T>(dy, _xHat.AsSpan(0, n), _rstd.AsSpan(0, _rows), Weight.Value, dx, Weight.Grad, Bias.Grad);
    }

    private static void Grow(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[n];
    }
}
