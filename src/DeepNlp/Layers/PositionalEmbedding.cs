using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Learned absolute positions: adds row t of a [maxLength, size] table to the vector at position t of every sequence.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// The PyTorch equivalent is an <c>nn.Embedding(maxLength, size)</c> looked up with <c>arange(time)</c> and added to the token
/// embeddings (GPT-2's <c>wpe</c>); the parameter is named <c>name.weight</c> as in its state_dict. Initialised N(0, σ²).
/// Self-attention is blind to order on its own; this is the simplest way to give it positions. Taught in
/// notebooks/10_attention_and_transformers.ipynb.
/// </remarks>
public sealed class PositionalEmbedding<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the table.</summary>
    /// <param name="name">Prefix for the parameter name (<c>name.weight</c>).</param>
    /// <param name="maxLength">Longest sequence the table covers.</param>
    /// <param name="size">Vector length (the model size E).</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <param name="std">Standard deviation σ of the initial values (1 as nn.Embedding; GPT-2 uses 0.02).</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public PositionalEmbedding(string name, int maxLength, int size, Random rng, double std = 1.0)
    {
        Weight = new Parameter<T>(name + ".weight", maxLength, size);
        Init.Normal<T>(Weight.Value, 0, std, rng);
        MaxLength = maxLength;
        Size = size;
    }

    /// <summary>The table P [maxLength, size].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Longest sequence the table covers.</summary>
    public int MaxLength { get; }

    /// <summary>Vector length.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Weight];

    /// <summary>x[b, t] += P[t] for every sequence b and position t, in place.</summary>
    /// <param name="x">Vectors [batch, time, size], batch first.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Positions per sequence.</param>
    /// <exception cref="ArgumentException">time exceeds <see cref="MaxLength"/> or the length is not batch·time·size.</exception>
    public void Forward(Span<T> x, int batch, int time)
    {
        Check(x.Length, batch, time);
        var table = Weight.Value.AsSpan(0, time * Size);
        for (int b = 0; b < batch; b++)
            Ops.AddInPlace<T>(table, x.Slice(b * time * Size, time * Size));      // x_t += P_t
    }

    /// <summary>∂P[t] += Σ_b ∂x[b, t].</summary>
    /// <param name="dx">∂L/∂x [batch, time, size].</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Positions per sequence.</param>
    /// <exception cref="ArgumentException">time exceeds <see cref="MaxLength"/> or the length is not batch·time·size.</exception>
    public void Backward(ReadOnlySpan<T> dx, int batch, int time)
    {
        Check(dx.Length, batch, time);
        var grad = Weight.Grad.AsSpan(0, time * Size);
        for (int b = 0; b < batch; b++)
            Ops.AddInPlace(dx.Slice(b * time * Size, time * Size), grad);
    }

    private void Check(int length, int batch, int time)
    {
        if (time > MaxLength) throw new ArgumentException($"Sequence length {time} exceeds the {MaxLength} learned positions.", nameof(time));
        if (length != batch * time * Size) throw new ArgumentException($"Length {length} is not batch {batch} × time {time} × {Size}.", nameof(length));
    }
}
