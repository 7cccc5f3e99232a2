using DeepNlp.Kernels;
using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>Layer normalisation of every row: x̂ = (x - μ)·r with r = 1/√(σ² + ε), then y = γ ⊙ x̂ + β.</summary>
    /// <param name="x">Input [rows, cols], cols = γ's length.</param>
    /// <param name="gamma">Scale γ [cols].</param>
    /// <param name="beta">Shift β [cols].</param>
    /// <param name="epsilon">ε added to the variance (1e-5 in <c>nn.LayerNorm</c>).</param>
    /// <param name="xHat">Normalised rows x̂ [rows, cols], kept for the backward pass.</param>
    /// <param name="rstd">r per row [rows], kept for the backward pass.</param>
    /// <param name="destination">y [rows, cols]; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">A length does not match [rows, cols].</exception>
    /// <remarks>μ and σ² are the mean and the biased variance (divided by cols) of the row, as <c>nn.LayerNorm</c> computes
    /// them; two passes (mean, then squared deviations). Rows are independent and split over threads, each row computed the
    /// same whichever thread runs it.</remarks>
    public static unsafe void LayerNormRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, T epsilon,
        Span<T> xHat, Span<T> rstd, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = gamma.Length;
        int rows = RowsOf(x.Length, cols, nameof(x));
        CheckSame(cols, beta.Length, nameof(beta));
        CheckSame(x.Length, xHat.Length, nameof(xHat));
        CheckSame(x.Length, destination.Length, nameof(destination));
        CheckSame(rows, rstd.Length, nameof(rstd));
        fixed (T* xp = x, gp = gamma, bp = beta, hp = xHat, rp = rstd, yp = destination)
        {
            nint xa = (nint)xp, ga = (nint)gp, ba = (nint)bp, ha = (nint)hp, ra = (nint)rp, ya = (nint)yp;
            WorkerPool.ParallelRows(rows, 8, 8L * cols, (r0, count) =>
            {
                var g = new ReadOnlySpan<T>((T*)ga, cols);
                var b = new ReadOnlySpan<T>((T*)ba, cols);
                T n = T.CreateTruncating(cols);
                for (int r = r0; r < r0 + count; r++)
                {
                    var xr = new ReadOnlySpan<T>((T*)xa + (long)r * cols, cols);
                    var hr = new Span<T>((T*)ha + (long)r * cols, cols);
                    T mean = TensorPrimitives.Sum(xr) / n;                                  // μ
                    TensorPrimitives.Subtract(xr, mean, hr);                                // x - μ
                    T variance = TensorPrimitives.SumOfSquares<T>(hr) / n;                  // σ² (biased)
                    T r1 = T.One / T.Sqrt(variance + epsilon);                              // r = 1/√(σ² + ε)
                    ((T*)ra)[r] = r1;
                    TensorPrimitives.Multiply<T>(hr, r1, hr);                               // x̂ = (x - μ) r
                    var yr = new Span<T>((T*)ya + (long)r * cols, cols);
                    TensorPrimitives.FusedMultiplyAdd<T>(hr, g, b, yr);                     // y = γ ⊙ x̂ + β
                }
            });
        }
    }

    /// <summary>The backward pass of <see cref="LayerNormRows{T}"/>: writes ∂x and accumulates ∂γ += Σ_rows ∂y ⊙ x̂ and ∂β += Σ_rows ∂y.</summary>
    /// <param name="dy">∂L/∂y [rows, cols].</param>
    /// <param name="xHat">x̂ from the forward pass [rows, cols].</param>
    /// <param name="rstd">r from the forward pass [rows].</param>
    /// <param name="gamma">γ [cols].</param>
    /// <param name="dx">∂L/∂x [rows, cols], overwritten; must not overlap <paramref name="dy"/> or <paramref name="xHat"/>.</param>
    /// <param name="dGamma">∂L/∂γ [cols], accumulated.</param>
    /// <param name="dBeta">∂L/∂β [cols], accumulated.</param>
    /// <exception cref="ArgumentException">A length does not match [rows, cols].</exception>
    /// <remarks>With g = ∂y ⊙ γ: ∂x = r (g - mean(g) - x̂ ⊙ mean(g ⊙ x̂)), the mean taken over the row's cols.</remarks>
    public static unsafe void LayerNormBackwardRows<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> xHat, ReadOnlySpan<T> rstd, ReadOnlySpan<T> gamma,
        Span<T> dx, Span<T> dGamma, Span<T> dBeta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = gamma.Length;
        int rows = RowsOf(dy.Length, cols, nameof(dy));
        CheckSame(dy.Length, xHat.Length, nameof(xHat));
        CheckSame(dy.Length, dx.Length, nameof(dx));
        CheckSame(rows, rstd.Length, nameof(rstd));
        CheckSame(cols, dGamma.Length, nameof(dGamma));
        CheckSame(cols, dBeta.Length, nameof(dBeta));
        fixed (T* dyp = dy, hp = xHat, rp = rstd, gp = gamma, dxp = dx)
        {
            nint dya = (nint)dyp, ha = (nint)hp, ra = (nint)rp, ga = (nint)gp, dxa = (nint)dxp;
            WorkerPool.ParallelRows(rows, 8, 8L * cols, (r0, count) =>
            {
                var g = new ReadOnlySpan<T>((T*)ga, cols);
                T n = T.CreateTruncating(cols);
                for (int r = r0; r < r0 + count; r++)
                {
                    var hr = new ReadOnlySpan<T>((T*)ha + (long)r * cols, cols);
                    var dxr = new Span<T>((T*)dxa + (long)r * cols, cols);
                    TensorPrimitives.Multiply(new ReadOnlySpan<T>((T*)dya + (long)r * cols, cols), g, dxr);   // g = ∂y ⊙ γ
                    T meanG = TensorPrimitives.Sum<T>(dxr) / n;
                    T meanGx = TensorPrimitives.Dot<T>(dxr, hr) / n;
                    T r1 = ((T*)ra)[r];
                    for (int c = 0; c < cols; c++)
                        dxr[c] = r1 * (dxr[c] - meanG - hr[c] * meanGx);                  // ∂x = r (g - ḡ - x̂ ⊙ mean(g ⊙ x̂))
                }
            });
        }
        for (int r = 0; r < rows; r++)
            TensorPrimitives.FusedMultiplyAdd(dy.Slice(r * cols, cols), xHat.Slice(r * cols, cols), dGamma, dGamma);   // ∂γ += ∂y ⊙ x̂
        SumRowsAccumulate(dy, dBeta);                                                                                    // ∂β += ∂y
    }

    private static int RowsOf(int length, int cols, string name)
    {
        if (cols == 0 || length % cols != 0) throw new ArgumentException($"Length {length} is not a multiple of the row length {cols}.", name);
        return length / cols;
    }
}
