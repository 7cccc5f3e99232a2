using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Inverted dropout: in training each element is zeroed with probability p and the survivors scaled by 1/(1-p).</summary>
/// <remarks>At evaluation time (or p = 0) it is the identity, as nn.Dropout. The mask is drawn from the caller's seeded
/// <see cref="Random"/>, so a run is reproducible.</remarks>
public sealed class Dropout<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _mask = [];
    private bool _active;

    /// <summary>Creates a dropout layer.</summary>
    /// <param name="probability">p in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1).</exception>
    public Dropout(double probability)
    {
        if (probability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), $"Dropout probability {probability} is outside [0, 1).");
        Probability = probability;
    }

    /// <summary>The drop probability p.</summary>
    public double Probability { get; }

    /// <summary>y = x ⊙ m / (1 - p) with m ~ Bernoulli(1 - p) when training, else y = x.</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public void Forward(ReadOnlySpan<T> x, Span<T> y, bool training, Random rng)
    {
        if (x.Length != y.Length) throw new ArgumentException($"y has {y.Length} elements, x has {x.Length}.", nameof(y));
        _active = training && Probability > 0;
        if (!_active) { x.CopyTo(y); return; }
        if (_mask.Length != x.Length) _mask = new T[x.Length];
        T keep = T.CreateTruncating(1.0 / (1.0 - Probability));
        for (int i = 0; i < _mask.Length; i++) _mask[i] = rng.NextDouble() < Probability ? T.Zero : keep;
        Ops.Mul(x, _mask, y);
    }

    /// <summary>∂x = ∂y ⊙ m / (1 - p) with the mask of the last Forward.</summary>
    /// <exception cref="ArgumentException">The lengths differ from the last Forward.</exception>
    public void Backward(ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (dx.Length != dy.Length) throw new ArgumentException($"dx has {dx.Length} elements, dy has {dy.Length}.", nameof(dx));
        if (!_active) { dy.CopyTo(dx); return; }
        Ops.Mul(dy, _mask, dx);
    }
}
