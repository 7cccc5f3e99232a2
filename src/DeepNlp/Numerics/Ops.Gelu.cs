using DeepNlp.Kernels;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>destination = GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), elementwise (the exact form).</summary>
    /// <param name="x">Pre-activations, any shape.</param>
    /// <param name="destination">Activations, same length; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <remarks>
    /// The variant is PyTorch's default <c>nn.GELU(approximate='none')</c>, not the tanh approximation. For
    /// <see cref="double"/> erf is evaluated to about 1e-15 (<see cref="Erf"/>); for <see cref="float"/> a vectorised
    /// Abramowitz–Stegun 7.1.26 erf (absolute error below 1.5e-7, the same approximation PyTorch's vectorised CPU erf
    /// uses) runs over the elements, split over threads for long spans. Taught with the Transformer block
    /// (notebooks/10_attention_and_transformers.ipynb).
    /// </remarks>
    public static void Gelu<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(x.Length, destination.Length, nameof(destination));
        if (typeof(T) == typeof(float))
        {
            GeluF32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(destination), default, backward: false);
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            destination[i] = T.CreateTruncating(0.5 * v * (1 + Erf(v * InvSqrt2)));   // x Φ(x)
        }
    }

    /// <summary>destination = dy ⊙ GELU'(x), with GELU'(x) = Φ(x) + x·φ(x): the gradient through the exact GELU.</summary>
    /// <param name="dy">∂L/∂GELU(x).</param>
    /// <param name="x">The pre-activations given to <see cref="Gelu{T}"/>.</param>
    /// <param name="destination">∂L/∂x; may be <paramref name="dy"/> itself.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <remarks>φ(x) = e^{-x²/2}/√(2π) is the standard normal density, Φ its distribution function, as PyTorch's
    /// <c>gelu_backward</c> with <c>approximate='none'</c>.</remarks>
    public static void GeluBackward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(x.Length, dy.Length, nameof(dy));
        CheckSame(x.Length, destination.Length, nameof(destination));
        if (typeof(T) == typeof(float))
        {
            GeluF32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(destination), MemoryMarshal.Cast<T, float>(dy), backward: true);
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            double cdf = 0.5 * (1 + Erf(v * InvSqrt2));                        // Φ(x)
            double pdf = Math.Exp(-0.5 * v * v) * InvSqrt2Pi;                  // φ(x)
            destination[i] = T.CreateTruncating(double.CreateTruncating(dy[i]) * (cdf + v * pdf));
        }
    }

    /// <summary>The error function erf(x) = 2/√π ∫₀ˣ e^{-t²} dt, to about 1e-15 relative.</summary>
    /// <param name="x">Any real; NaN gives NaN.</param>
    /// <returns>erf(x) in [-1, 1].</returns>
    /// <remarks>
    /// .NET has no erf. Below |x| = 2 this sums the everywhere-convergent series
    /// erf(x) = 2/√π · e^{-x²} · Σₙ (2x²)ⁿ x / (1·3·…·(2n+1)), whose terms are all of one sign (no cancellation); from 2 on it
    /// takes 1 - erfc(|x|) with erfc from its continued fraction e^{-x²}/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), 60 terms
    /// evaluated from the tail; beyond |x| = 6, erfc(|x|) &lt; 2e-17 is below half an ulp of 1. Checked against tabulated
    /// values to 2e-15.
    /// </remarks>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax >= 6) return Math.Sign(x);
        double erf;
        if (ax < 2)
        {
            double twoX2 = 2 * ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++)
            {
                term *= twoX2 / (2 * n + 1);
                sum += term;
                if (term < 1e-17 * sum) break;
            }
            erf = 2 / Math.Sqrt(Math.PI) * Math.Exp(-ax * ax) * sum;
        }
        else
        {
            double f = ax;
            for (int n = 60; n >= 1; n--) f = ax + 0.5 * n / f;              // x + (n/2) / (x + ((n+1)/2) / …)
            erf = 1 - Math.Exp(-ax * ax) / (Math.Sqrt(Math.PI) * f);         // 1 - erfc(x)
        }
        return x < 0 ? -erf : erf;
    }

    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    // Forward (dy empty): y = ½x(1 + erf(x/√2)). Backward: y = dy (Φ(x) + x φ(x)). Abramowitz–Stegun 7.1.26 for erf:
    // erf(a) = 1 - (a1 s + a2 s² + a3 s³ + a4 s⁴ + a5 s⁵) e^{-a²}, s = 1/(1 + p a), a ≥ 0; e^{-a²} with a = |x|/√2 is e^{-x²/2},
    // which the backward pass reuses for φ.
    private static void GeluF32(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> dy, bool backward)
    {
        if (x.Length >= WorkerPool.ParallelElements && MaxThreads > 1 && !WorkerPool.IsBusy)
        {
            unsafe
            {
                fixed (float* xp = x, yp = y, dp = dy)
                {
                    nint xa = (nint)xp, ya = (nint)yp, da = (nint)dp;
                    WorkerPool.ParallelSlices(x.Length, (start, count) => GeluF32Slice(
                        new ReadOnlySpan<float>((float*)xa + start, count), new Span<float>((float*)ya + start, count),
                        backward ? new ReadOnlySpan<float>((float*)da + start, count) : default, backward));
                }
            }
            return;
        }
        GeluF32Slice(x, y, dy, backward);
    }

    private static void GeluF32Slice(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> dy, bool backward)
    {
        const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<float>.One;
            var half = new Vector<float>(0.5f);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                var a = Vector.Abs(v) * (float)InvSqrt2;
                var s = one / (one + P * a);
                var poly = s * (new Vector<float>(A1) + s * (new Vector<float>(A2) + s * (new Vector<float>(A3) + s * (new Vector<float>(A4) + s * A5))));
                var e = Vector.Exp(-(a * a));                                     // e^{-x²/2}
                var erfAbs = one - poly * e;
                var erf = Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), -erfAbs, erfAbs);
                var cdf = half * (one + erf);                                     // Φ(x)
                if (backward)
                    (new Vector<float>(dy[i..]) * (cdf + v * e * (float)InvSqrt2Pi)).CopyTo(y[i..]);
                else
                    (v * cdf).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            float v = x[i], a = MathF.Abs(v) * (float)InvSqrt2;
            float s = 1 / (1 + P * a);
            float e = MathF.Exp(-a * a);
            float erfAbs = 1 - s * (A1 + s * (A2 + s * (A3 + s * (A4 + s * A5)))) * e;
            float cdf = 0.5f * (1 + (v < 0 ? -erfAbs : erfAbs));
            y[i] = backward ? dy[i] * (cdf + v * e * (float)InvSqrt2Pi) : v * cdf;
        }
    }
}
