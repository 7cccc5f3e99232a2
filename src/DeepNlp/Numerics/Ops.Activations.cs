using DeepNlp.Kernels;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>destination = σ(x) = 1 / (1 + e^{-x}), elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) { CheckSame(0, destination.Length, nameof(destination)); return; }
        TensorPrimitives.Sigmoid(x, destination);
    }

    /// <summary>destination = tanh(x), elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && VectorF32.TanhSupported)
        {
            CheckSame(x.Length, destination.Length, nameof(destination));
            VectorF32.Tanh(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(destination));   // one step of a batch-1 RNN: H = 100
            return;
        }
        CheckSame(x.Length, destination.Length, nameof(destination));
        // TensorPrimitives.Tanh loses relative accuracy near 0 (measured on .NET 10: float is wrong below |x| ≈ 0.2 and
        // returns 0 below 5e-8; double errs by up to 4e-9 below 0.07), so small arguments take tanh's Taylor series.
        // Chunks keep a copy of x, since x and destination may be the same span.
        const int chunk = 256;
        Span<T> saved = stackalloc T[chunk];
        T small = T.CreateTruncating(typeof(T) == typeof(float) ? 0.2 : 0.07);
        for (int start = 0; start < x.Length; start += chunk)
        {
            int length = Math.Min(chunk, x.Length - start);
            var part = x.Slice(start, length);
            part.CopyTo(saved);
            TensorPrimitives.Tanh(part, destination.Slice(start, length));
            for (int k = 0; k < length; k++)
                if (T.Abs(saved[k]) < small) destination[start + k] = TanhNearZero(saved[k]);
        }
    }

    /// <summary>tanh x = x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 − 1382x¹¹/155925 + 21844x¹³/6081075 − …, accurate to
    /// the type's precision for |x| below 0.2 (float) or 0.07 (double).</summary>
    private static T TanhNearZero<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(x), v2 = v * v;
        double series = v * (1 + v2 * (-1.0 / 3 + v2 * (2.0 / 15 + v2 * (-17.0 / 315 + v2 * (62.0 / 2835 + v2 * (-1382.0 / 155925 + v2 * (21844.0 / 6081075)))))));
        return T.CreateTruncating(series);
    }

    /// <summary>destination = max(0, x), elementwise.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Max(x, T.Zero, destination);

    /// <summary>destination = dy ⊙ y ⊙ (1 - y): the gradient through y = σ(z), given the output y.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void SigmoidGrad<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(dy.Length, y.Length, nameof(y)); CheckSame(dy.Length, destination.Length, nameof(destination));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= dy.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(y[i..]);
                (new Vector<T>(dy[i..]) * v * (Vector<T>.One - v)).CopyTo(destination[i..]);
            }
        }
        for (; i < dy.Length; i++) destination[i] = dy[i] * y[i] * (T.One - y[i]);
    }

    /// <summary>destination = dy ⊙ (1 - y²): the gradient through y = tanh(z), given the output y.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void TanhGrad<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(dy.Length, y.Length, nameof(y)); CheckSame(dy.Length, destination.Length, nameof(destination));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= dy.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(y[i..]);
                (new Vector<T>(dy[i..]) * (Vector<T>.One - v * v)).CopyTo(destination[i..]);
            }
        }
        for (; i < dy.Length; i++) destination[i] = dy[i] * (T.One - y[i] * y[i]);
    }

    /// <summary>destination += dy ⊙ o ⊙ (1 - t²) where t = tanh(c): the LSTM's ∂c_t += ∂h_t ⊙ o_t ⊙ (1 - tanh² c_t).</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void TanhGradAdd<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> o, ReadOnlySpan<T> t, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(dy.Length, o.Length, nameof(o)); CheckSame(dy.Length, t.Length, nameof(t));
        CheckSame(dy.Length, destination.Length, nameof(destination));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; i <= dy.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(t[i..]);
                (new Vector<T>(destination[i..]) + new Vector<T>(dy[i..]) * new Vector<T>(o[i..]) * (Vector<T>.One - v * v)).CopyTo(destination[i..]);
            }
        }
        for (; i < dy.Length; i++) destination[i] += dy[i] * o[i] * (T.One - t[i] * t[i]);
    }

    /// <summary>destination = dy where y &gt; 0, else 0: the gradient through y = max(0, z), given the output y.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void ReluGrad<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(dy.Length, y.Length, nameof(y)); CheckSame(dy.Length, destination.Length, nameof(destination));
        for (int i = 0; i < dy.Length; i++) destination[i] = y[i] > T.Zero ? dy[i] : T.Zero;
    }

    /// <summary>Scalar twin of <see cref="Sigmoid{T}"/> for tests.</summary>
    public static void SigmoidReference<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = T.One / (T.One + T.Exp(-x[i]));
    }

    /// <summary>Scalar twin of <see cref="Tanh{T}"/> for tests.</summary>
    public static void TanhReference<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = T.Tanh(x[i]);
    }
}
