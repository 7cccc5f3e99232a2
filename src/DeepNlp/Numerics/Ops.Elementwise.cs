using DeepNlp.Kernels;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

/// <summary>The kit's dense kernels: every hot loop of layers, models and optimizers lives here.</summary>
/// <remarks>
/// One implementation per kernel, generic over the element type (<see cref="float"/> for training,
/// <see cref="double"/> for gradient checks). Vectorised through <see cref="TensorPrimitives"/> and
/// <see cref="Vector{T}"/>, which select AVX-512/AVX2/NEON for both types; every kernel has a scalar twin
/// (<c>...Reference</c>) used by the tests. Convention: inputs first, destination last, lengths checked once.
/// </remarks>
public static partial class Ops
{
    /// <summary>destination = x + y, elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Add(x, y, destination);

    /// <summary>destination = x - y, elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Subtract(x, y, destination);

    /// <summary>destination = x ⊙ y, elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Mul<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, y, destination);

    /// <summary>destination = a ⊙ b + c ⊙ d, elementwise (the LSTM cell update c_t = f⊙c_{t-1} + i⊙g).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void MulAdd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> c, ReadOnlySpan<T> d, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(a.Length, b.Length, nameof(b)); CheckSame(a.Length, c.Length, nameof(c));
        CheckSame(a.Length, d.Length, nameof(d)); CheckSame(a.Length, destination.Length, nameof(destination));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var r = new Vector<T>(a[i..]) * new Vector<T>(b[i..]) + new Vector<T>(c[i..]) * new Vector<T>(d[i..]);
                r.CopyTo(destination[i..]);
            }
        }
        for (; i < a.Length; i++) destination[i] = a[i] * b[i] + c[i] * d[i];
    }

    /// <summary>destination += x ⊙ y, elementwise (accumulating a product into a gradient).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void MulAccumulate<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.FusedMultiplyAdd(x, y, destination, destination);

    /// <summary>destination += x, elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void AddInPlace<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Add(destination, x, destination);

    /// <summary>destination += alpha · x (BLAS axpy).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.FusedMultiplyAdd(x, alpha, destination, destination);

    /// <summary>destination = alpha · x.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Scale<T>(ReadOnlySpan<T> x, T alpha, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, alpha, destination);

    /// <summary>Adds the row vector <paramref name="bias"/> [cols] to every row of <paramref name="matrix"/> [rows, cols].</summary>
    /// <exception cref="ArgumentException">The matrix length is not a multiple of the bias length.</exception>
    public static void AddRowVector<T>(ReadOnlySpan<T> bias, Span<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias.Length == 0 || matrix.Length % bias.Length != 0)
            throw new ArgumentException($"Matrix length {matrix.Length} is not a multiple of the row length {bias.Length}.", nameof(matrix));
        if (typeof(T) == typeof(float) && VectorF32.IsSupported)
        {
            VectorF32.AddRowVector(MemoryMarshal.Cast<T, float>(bias), MemoryMarshal.Cast<T, float>(matrix));   // 25 rows of 100: no per-row call
            return;
        }
        for (int r = 0; r < matrix.Length; r += bias.Length)
            TensorPrimitives.Add(matrix.Slice(r, bias.Length), bias, matrix.Slice(r, bias.Length));
    }

    /// <summary>Sets every row of <paramref name="matrix"/> [rows, cols] to <paramref name="row"/> [cols] (a bias the products then add to).</summary>
    /// <exception cref="ArgumentException">The matrix length is not a multiple of the row length.</exception>
    public static void RepeatRows<T>(ReadOnlySpan<T> row, Span<T> matrix) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (row.Length == 0 || matrix.Length % row.Length != 0)
            throw new ArgumentException($"Matrix length {matrix.Length} is not a multiple of the row length {row.Length}.", nameof(matrix));
        for (int r = 0; r < matrix.Length; r += row.Length) row.CopyTo(matrix.Slice(r, row.Length));
    }

    /// <summary>destination [cols] += the sum of the rows of <paramref name="matrix"/> [rows, cols] (a bias gradient).</summary>
    /// <exception cref="ArgumentException">The matrix length is not a multiple of the destination length.</exception>
    public static unsafe void SumRowsAccumulate<T>(ReadOnlySpan<T> matrix, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length == 0 || matrix.Length % destination.Length != 0)
            throw new ArgumentException($"Matrix length {matrix.Length} is not a multiple of the row length {destination.Length}.", nameof(destination));
        int cols = destination.Length;
        if (matrix.Length >= 4 * WorkerPool.ParallelElements && cols >= 128 && MaxThreads > 1 && !WorkerPool.IsBusy)
        {
            // Each thread sums its own columns over all rows, in row order: the same sums as one pass.
            fixed (T* m0 = matrix, d0 = destination)
            {
                nint mp = (nint)m0, dp = (nint)d0;
                int rows = matrix.Length / cols;
                WorkerPool.ParallelSlices(cols, (c0, n) =>
                {
                    var d = new Span<T>((T*)dp + c0, n);
                    for (int r = 0; r < rows; r++) TensorPrimitives.Add(d, new ReadOnlySpan<T>((T*)mp + (long)r * cols + c0, n), d);
                });
            }
            return;
        }
        if (typeof(T) == typeof(float) && VectorF32.IsSupported)
        {
            VectorF32.SumRowsAccumulate(MemoryMarshal.Cast<T, float>(matrix), MemoryMarshal.Cast<T, float>(destination));   // 25 rows of 100: one pass
            return;
        }
        for (int r = 0; r < matrix.Length; r += cols)
            TensorPrimitives.Add(destination, matrix.Slice(r, cols), destination);
    }

    /// <summary>Returns Σ x_i², accumulated in double so float32 gradients of millions of elements keep their precision.</summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0;
        const int Block = 4096;
        for (int i = 0; i < x.Length; i += Block)
            total += double.CreateTruncating(TensorPrimitives.SumOfSquares(x.Slice(i, Math.Min(Block, x.Length - i))));
        return total;
    }

    /// <summary>Returns Σ x_i y_i.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Dot(x, y);

    /// <summary>Clamps every element of <paramref name="x"/> into [-limit, limit] in place (gradient clipping by value).</summary>
    public static void ClampInPlace<T>(Span<T> x, T limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && VectorF32.IsSupported)
        {
            VectorF32.Clamp(MemoryMarshal.Cast<T, float>(x), float.CreateTruncating(limit));
            return;
        }
        TensorPrimitives.Min(x, limit, x);
        TensorPrimitives.Max(x, -limit, x);
    }

    /// <summary>Returns the index of the first NaN or infinity in <paramref name="x"/>, or -1 when all are finite.</summary>
    public static int IndexOfNonFinite<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            if (!T.IsFinite(x[i])) return i;
        return -1;
    }

    internal static void CheckSame(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"Length {actual} of '{name}' does not match the expected length {expected}.", name);
    }
}
