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
