using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepNlp.Kernels;

/// <summary>Scalar and vector activations and shape checks shared by the fused recurrent kernels.</summary>
internal static class Pointwise
{
    /// <summary>σ(x) on a vector: 1 / (1 + e^{-x}) (float on SIMD; other types fall back to scalar).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> SigmoidV<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var xf = Vector.As<T, float>(x);
            return Vector.As<float, T>(Vector<float>.One / (Vector<float>.One + Vector.Exp(-xf)));
        }
        Span<T> s = stackalloc T[Vector<T>.Count];
        x.CopyTo(s);
        for (int k = 0; k < s.Length; k++) s[k] = Sig(s[k]);
        return new Vector<T>(s);
    }

    /// <summary>tanh(x) on a vector: 1 - 2 / (e^{2x} + 1), clamped to ±1 where e^{2x} overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> TanhV<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var xf = Vector.Min(Vector.As<T, float>(x), new Vector<float>(40f));
            var e = Vector.Exp(xf + xf);
            return Vector.As<float, T>(Vector<float>.One - new Vector<float>(2f) / (e + Vector<float>.One));
        }
        Span<T> s = stackalloc T[Vector<T>.Count];
        x.CopyTo(s);
        for (int k = 0; k < s.Length; k++) s[k] = T.Tanh(s[k]);
        return new Vector<T>(s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Sig<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    internal static int CheckRows(int gatesLength, int gateWidth, int l1, int l2, int l3, int l4, int hidden)
    {
        if (hidden <= 0 || gatesLength % gateWidth != 0)
            throw new ArgumentException($"Gates length {gatesLength} is not a multiple of {gateWidth}.", "gates");
        int batch = gatesLength / gateWidth, n = batch * hidden;
        if (l1 != n || l2 != n || l3 != n || l4 != n)
            throw new ArgumentException($"State spans must have batch {batch} × hidden {hidden} = {n} elements.", "c");
        return batch;
    }
}
