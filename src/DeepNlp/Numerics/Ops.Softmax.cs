using DeepNlp.Kernels;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>destination = softmax(x) = e^{x - max x} / Σ e^{x - max x} over one row.</summary>
    /// <remarks>Subtracting the maximum first keeps e^x finite for logits of any size.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0) throw new ArgumentException("Softmax of an empty row.", nameof(x));
        CheckSame(x.Length, destination.Length, nameof(destination));
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp(destination, destination);
        T sum = TensorPrimitives.Sum<T>(destination);
        TensorPrimitives.Divide(destination, sum, destination);
    }

    /// <summary>Returns log Σ e^{x_i}, computed as max + log Σ e^{x_i - max}.</summary>
    /// <exception cref="ArgumentException">The row is empty.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0) throw new ArgumentException("LogSumExp of an empty row.", nameof(x));
        T max = TensorPrimitives.Max(x);
        if (T.IsInfinity(max)) return max;
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += T.Exp(x[i] - max);
        return max + T.Log(sum);
    }

    /// <summary>destination = log softmax(x) = x - logsumexp(x) over one row.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(x.Length, destination.Length, nameof(destination));
        T lse = LogSumExp(x);
        TensorPrimitives.Subtract(x, lse, destination);
    }

    /// <summary>destination = softmax(x), returning log Σ e^{x_i} as well, in one exponentiation pass (the fused cross-entropy's kernel).</summary>
    /// <remarks>max first, then e^{x - max} once for both the probabilities and the normaliser: log Σ e^x = max + log Σ e^{x - max}.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T SoftmaxAndLogSumExp<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0) throw new ArgumentException("Softmax of an empty row.", nameof(x));
        CheckSame(x.Length, destination.Length, nameof(destination));
        if (typeof(T) == typeof(float) && VectorF32.IsSupported)
            return T.CreateTruncating(VectorF32.SoftmaxAndLogSumExp(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(destination)));
        T max = TensorPrimitives.Max(x);
        T sum = T.Zero;
        int i = 0;
        if (typeof(T) == typeof(float) && Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(float.CreateTruncating(max));
            var acc = Vector<float>.Zero;
            var xf = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(x);
            var df = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(destination);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var e = Vector.Exp(new Vector<float>(xf[i..]) - m);
                e.CopyTo(df[i..]);
                acc += e;
            }
            sum = T.CreateTruncating(Vector.Sum(acc));
        }
        for (; i < x.Length; i++) { destination[i] = T.Exp(x[i] - max); sum += destination[i]; }
        TensorPrimitives.Multiply(destination, T.One / sum, destination);
        return max + T.Log(sum);
    }

    /// <summary>Cross-entropy of every row of a batch: probabilities[r] = softmax(logits[r]) and
    /// losses[r] = log Σ e^{logits[r]} - logits[r, y_r], or 0 where y_r is negative (a masked row).</summary>
    /// <remarks>Rows are independent, so large batches are split over <see cref="MaxThreads"/> threads; every row is computed
    /// the same way whichever thread runs it. The caller validates the targets (each below <paramref name="classes"/>).</remarks>
    internal static unsafe void CrossEntropyRows<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> targets, int classes, Span<T> probabilities,
        Span<double> losses) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = targets.Length;
        fixed (T* z = logits, p = probabilities)
        fixed (int* y = targets)
        fixed (double* loss = losses)
        {
            nint zp = (nint)z, pp = (nint)p, yp = (nint)y, lp = (nint)loss;
            WorkerPool.ParallelRows(rows, 16, 16L * classes, (r0, count) =>
            {
                for (int r = r0; r < r0 + count; r++)
                {
                    var zr = new ReadOnlySpan<T>((T*)zp + (long)r * classes, classes);
                    T lse = SoftmaxAndLogSumExp(zr, new Span<T>((T*)pp + (long)r * classes, classes));   // p = softmax(z)
                    int target = ((int*)yp)[r];
                    ((double*)lp)[r] = target < 0 ? 0 : -double.CreateTruncating(zr[target] - lse);    // -log p_y = log Σ e^z - z_y
                }
            });
        }
    }

    /// <summary>The fused softmax-cross-entropy gradient of every row: dLogits[r] = scale · (probabilities[r] - onehot(y_r)),
    /// or 0 where y_r is negative.</summary>
    /// <remarks>Split over threads by rows, like <see cref="CrossEntropyRows{T}"/>.</remarks>
    internal static unsafe void CrossEntropyGradientRows<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> targets, int classes, T scale,
        Span<T> dLogits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = targets.Length;
        fixed (T* p = probabilities, d = dLogits)
        fixed (int* y = targets)
        {
            nint pp = (nint)p, dp = (nint)d, yp = (nint)y;
            WorkerPool.ParallelRows(rows, 16, 2L * classes, (r0, count) =>
            {
                var dr = new Span<T>((T*)dp + (long)r0 * classes, count * classes);
                int target;
                Scale(new ReadOnlySpan<T>((T*)pp + (long)r0 * classes, count * classes), scale, dr);
                for (int r = 0; r < count; r++)
                {
                    if ((target = ((int*)yp)[r0 + r]) < 0) dr.Slice(r * classes, classes).Clear();
                    else dr[r * classes + target] -= scale;                                          // ∂z = p - onehot(y)
                }
            });
        }
    }

    /// <summary>Scalar twin of <see cref="Softmax{T}"/> for tests.</summary>
    public static void SoftmaxReference<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = x[0];
        for (int i = 1; i < x.Length; i++) if (x[i] > max) max = x[i];
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) { destination[i] = T.Exp(x[i] - max); sum += destination[i]; }
        for (int i = 0; i < x.Length; i++) destination[i] /= sum;
    }
}
