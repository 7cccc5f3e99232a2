using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Numerics;

/// <summary>AVX-512 float32 twins of elementwise <see cref="Ops"/> kernels that run once per parameter or per time step
/// (clipping, Adagrad, tanh): a 16-wide main loop and one masked vector for the tail, so short rows (H = 100) and
/// odd lengths pay no scalar remainder.</summary>
/// <remarks>Used only when <see cref="IsSupported"/>; <see cref="Ops"/> keeps its portable loop otherwise. Each kernel
/// computes exactly the expression of its portable twin, in the same order, so results agree to the last bit except for
/// tanh, which is a different (1-2 ulp) approximation.</remarks>
internal static unsafe class VectorF32
{
    public static bool IsSupported => Avx512F.IsSupported;

    // Lanes [0, count) set, for the last partial vector of a row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();

    /// <summary>x = max(-limit, min(limit, x)); a NaN stays NaN (vminps/vmaxps return their second operand when either is NaN).</summary>
    public static void Clamp(Span<float> x, float limit)
    {
        fixed (float* p = x)
        {
            var hi = Vector512.Create(limit); var lo = Vector512.Create(-limit);
            int n = x.Length, i = 0;
            for (; i <= n - 16; i += 16) Avx512F.Max(lo, Avx512F.Min(hi, Avx512F.LoadVector512(p + i))).Store(p + i);
            if (i < n)
            {
                var m = TailMask(n - i);
                var v = Avx512F.MaskLoad(p + i, m, Vector512<float>.Zero);
                Avx512F.MaskStore(p + i, m, Avx512F.Max(lo, Avx512F.Min(hi, v)));
            }
        }
    }

    /// <summary>G += g²; θ -= lr·g / (√G + ε), with the same operation order as the portable loop.</summary>
    public static void Adagrad(Span<float> theta, ReadOnlySpan<float> g, Span<float> sumSquares, float rate, float epsilon)
    {
        fixed (float* t = theta, pg = g, s = sumSquares)
        {
            var vr = Vector512.Create(rate); var ve = Vector512.Create(epsilon);
            int n = theta.Length, i = 0;
            for (; i <= n - 16; i += 16)
            {
                var gv = Vector512.Load(pg + i);
                var G = Vector512.Load(s + i) + gv * gv;
                G.Store(s + i);
                (Vector512.Load(t + i) - vr * gv / (Vector512.Sqrt(G) + ve)).Store(t + i);
            }
            if (i < n)
            {
                var m = TailMask(n - i);
                var gv = Avx512F.MaskLoad(pg + i, m, Vector512<float>.Zero);
                var G = Avx512F.MaskLoad(s + i, m, Vector512<float>.Zero) + gv * gv;
                Avx512F.MaskStore(s + i, m, G);
                Avx512F.MaskStore(t + i, m, Avx512F.MaskLoad(t + i, m, Vector512<float>.Zero) - vr * gv / (Vector512.Sqrt(G) + ve));
            }
        }
    }

    /// <summary>destination = tanh(x): an odd polynomial below |x| = 0.625 (Cephes tanhf), 1 - 2/(e^{2|x|}+1) above it,
    /// saturating to ±1 from |x| = 9 where tanh rounds to 1 in float32. Within 2e-7 of tanh everywhere.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination)
    {
        fixed (float* px = x, pd = destination)
        {
            int n = x.Length, i = 0;
            for (; i <= n - 16; i += 16) Tanh16(Vector512.Load(px + i)).Store(pd + i);
            if (i < n)
            {
                var m = TailMask(n - i);
                Avx512F.MaskStore(pd + i, m, Tanh16(Avx512F.MaskLoad(px + i, m, Vector512<float>.Zero)));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh16(Vector512<float> x)
    {
        var ax = Vector512.Abs(x);
        var z = x * x;
        var poly = ((((Vector512.Create(-5.70498872745e-3f) * z + Vector512.Create(2.06390887954e-2f)) * z
            - Vector512.Create(5.37397155531e-2f)) * z + Vector512.Create(1.33314422036e-1f)) * z - Vector512.Create(3.33332819422e-1f)) * z;
        var small = Vector512.FusedMultiplyAdd(poly, x, x);                               // x + x³ P(x²)
        var e = Vector512.Exp(Vector512.Min(ax, Vector512.Create(9f)) * Vector512.Create(2f));
        var large = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);  // tanh |x|
        large = Vector512.CopySign(large, x);
        var y = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(0.625f)), small, large);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), y, x);                   // NaN in, NaN out
    }
}
