using System.Numerics;

namespace DeepNlp.Numerics;

/// <summary>A trainable tensor: a value buffer, a gradient buffer of the same length, a shape and a name.</summary>
/// <typeparam name="T">Element type: <see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
/// <remarks>
/// Storage is row-major and contiguous: a weight of shape <c>[rows, cols]</c> keeps element (r, c) at
/// <c>r * cols + c</c>. Layers accumulate into <see cref="Grad"/> during Backward; optimizers read it and
/// <see cref="ZeroGrad"/> clears it. The name is qualified by the owning layer (<c>lstm0.W_hh</c>) so errors and
/// checkpoints can name it.
/// </remarks>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero-initialised parameter.</summary>
    /// <param name="name">Qualified name, e.g. <c>lstm0.W_ih</c>.</param>
    /// <param name="shape">Dimensions, outermost first; each must be positive.</param>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Parameter(string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Parameter '{name}' needs positive dimensions, got [{string.Join(", ", shape)}].", nameof(shape));
        Name = name;
        Shape = (int[])shape.Clone();
        int length = 1;
        foreach (int d in shape) length = checked(length * d);
        Value = new T[length];
        Grad = new T[length];
    }

    /// <summary>Qualified name, e.g. <c>lstm0.W_hh</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions, outermost first (row-major).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values, row-major.</summary>
    public T[] Value { get; }

    /// <summary>The accumulated gradient dL/dValue, same layout as <see cref="Value"/>.</summary>
    public T[] Grad { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Value.Length;

    /// <summary>Sets every gradient element to zero.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    /// <summary>Shape as text, e.g. <c>[1024, 256]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ShapeText}";
}
