using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>An affine map y = W x + b applied to every row of a batch (nn.Linear's layout: W is [out, in]).</summary>
/// <remarks>Initialised as nn.Linear: W and b from U(-1/√in, 1/√in). Forward computes Y = X Wᵀ + b for X [rows, in].</remarks>
public sealed class Linear<T> : IModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a linear layer.</summary>
    /// <param name="name">Prefix for the parameter names (<c>name.W</c>, <c>name.b</c>).</param>
    /// <param name="inputSize">Columns of X.</param>
    /// <param name="outputSize">Columns of Y.</param>
    /// <param name="rng">Source of the initial values.</param>
    /// <param name="bias">Whether to add b.</param>
    public Linear(string name, int inputSize, int outputSize, Random rng, bool bias = true)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        W = new Parameter<T>(name + ".W", outputSize, inputSize);
        double a = 1.0 / Math.Sqrt(inputSize);
        Init.Uniform<T>(W.Value, -a, a, rng);
        if (bias)
        {
            B = new Parameter<T>(name + ".b", outputSize);
            Init.Uniform<T>(B.Value, -a, a, rng);
        }
    }

    /// <summary>Weight [out, in].</summary>
    public Parameter<T> W { get; }

    /// <summary>Bias [out], or null when the layer has none.</summary>
    public Parameter<T>? B { get; }

    /// <summary>Columns of the input.</summary>
    public int InputSize { get; }

    /// <summary>Columns of the output.</summary>
    public int OutputSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => B is null ? [W] : [W, B];

    /// <summary>Y = X Wᵀ + b.</summary>
    /// <param name="x">X [rows, in].</param>
    /// <param name="y">Y [rows, out].</param>
    /// <exception cref="ArgumentException">A length is not a multiple of the layer's sizes, or the row counts differ.</exception>
    public void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        int rows = Rows(x.Length, y.Length);
        Ops.Gemm(x, W.Value, y, rows, OutputSize, InputSize, transposeB: true);   // y = x Wᵀ
        if (B is not null) Ops.AddRowVector<T>(B.Value, y);                  //   + b
    }

    /// <summary>Accumulates ∂W += ∂Yᵀ X and ∂b += Σ_rows ∂Y; writes ∂X = ∂Y W unless <paramref name="dx"/> is empty.</summary>
    /// <param name="x">The X given to Forward [rows, in].</param>
    /// <param name="dy">∂L/∂Y [rows, out].</param>
    /// <param name="dx">∂L/∂X [rows, in], overwritten; pass an empty span to skip it.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
    {
        int rows = Rows(x.Length, dy.Length);
        Ops.Gemm(dy, x, W.Grad, OutputSize, InputSize, rows, transposeA: true, accumulate: true);   // ∂W += ∂yᵀ x
        if (B is not null) Ops.SumRowsAccumulate(dy, B.Grad);                                 // ∂b += Σ ∂y
        if (!dx.IsEmpty)
        {
            if (dx.Length != x.Length) throw new ArgumentException($"dx has {dx.Length} elements, expected {x.Length}.", nameof(dx));
            Ops.Gemm(dy, W.Value, dx, rows, InputSize, OutputSize);             // ∂x = ∂y W
        }
    }

    private int Rows(int xLength, int yLength)
    {
        if (xLength % InputSize != 0) throw new ArgumentException($"Input length {xLength} is not a multiple of {InputSize}.", "x");
        int rows = xLength / InputSize;
        if (yLength != rows * OutputSize) throw new ArgumentException($"Output length {yLength} is not {rows}×{OutputSize}.", "y");
        return rows;
    }
}
