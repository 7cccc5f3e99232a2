using DeepNlp.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNlp.Kernels;

/// <summary>AVX-512 float32 twins of elementwise <see cref="Ops"/> kernels that run once per parameter or per time step
/// (clipping, Adagrad, tanh): a 16-wide main loop and one masked vector for the tail, so short rows (H = 100) and
/// odd lengths pay no scalar remainder. Tanh also has an AVX2 twin (<see cref="TanhSupported"/>).</summary>
/// <remarks>Used only when <see cref="IsSupported"/> (<see cref="TanhSupported"/> for tanh); <see cref="Ops"/> keeps its portable loop otherwise. Each kernel
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

    /// <summary>G += g²; θ -= lr·g / (√G + ε), with the same operation order as the portable loop. A vector of 16 zero
    /// gradients is skipped, which changes nothing: G + 0 = G and θ - lr·0/(√G + ε) = θ for every finite G.</summary>
    public static void Adagrad(Span<float> theta, ReadOnlySpan<float> g, Span<float> sumSquares, float rate, float epsilon)
    {
        fixed (float* t = theta, pg = g, s = sumSquares)
        {
            var vr = Vector512.Create(rate); var ve = Vector512.Create(epsilon);
            int n = theta.Length, i = 0;
            for (; i <= n - 16; i += 16)
            {
                var gv = Vector512.Load(pg + i);
                if (Vector512.EqualsAll(gv, Vector512<float>.Zero)) continue;   // untouched embedding rows: G += 0, θ -= 0
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

    /// <summary>matrix[r, :] += bias for every row (row length = bias length).</summary>
    public static void AddRowVector(ReadOnlySpan<float> bias, Span<float> matrix)
    {
        int cols = bias.Length;
        fixed (float* pb = bias, pm = matrix)
            for (int r = 0; r < matrix.Length; r += cols)
            {
                float* row = pm + r;
                int j = 0;
                for (; j <= cols - 16; j += 16) (Vector512.Load(row + j) + Vector512.Load(pb + j)).Store(row + j);
                if (j < cols)
                {
                    var m = TailMask(cols - j);
                    Avx512F.MaskStore(row + j, m, Avx512F.MaskLoad(row + j, m, Vector512<float>.Zero) + Avx512F.MaskLoad(pb + j, m, Vector512<float>.Zero));
                }
            }
    }

    /// <summary>destination += Σ_r matrix[r, :], adding the rows in order to destination as the portable loop does.</summary>
    public static void SumRowsAccumulate(ReadOnlySpan<float> matrix, Span<float> destination)
    {
        int cols = destination.Length, rows = matrix.Length / cols;
        fixed (float* pm = matrix, pd = destination)
            for (int j = 0; j < cols; j += 16)
            {
                var m = TailMask(cols - j);
                var acc = Avx512F.MaskLoad(pd + j, m, Vector512<float>.Zero);
                for (int r = 0; r < rows; r++) acc += Avx512F.MaskLoad(pm + (long)r * cols + j, m, Vector512<float>.Zero);
                Avx512F.MaskStore(pd + j, m, acc);
            }
    }

    /// <summary>destination = softmax(x); returns log Σ e^x = max + log Σ e^{x - max}. One row of a few dozen classes in
    /// registers: max, exponentials and their sum, then the scaling, with a masked last vector.</summary>
    public static float SoftmaxAndLogSumExp(ReadOnlySpan<float> x, Span<float> destination)
    {
        int n = x.Length;
        fixed (float* px = x, pd = destination)
        {
            var ninf = Vector512.Create(float.NegativeInfinity);
            var mx = ninf;
            int i = 0;
            for (; i <= n - 16; i += 16) mx = Vector512.Max(mx, Vector512.Load(px + i));
            var tail = TailMask(n - i);
            if (i < n) mx = Vector512.Max(mx, Avx512F.MaskLoad(px + i, tail, ninf));
            float max = HorizontalMax(mx);
            var vm = Vector512.Create(max);
            var sum = Vector512<float>.Zero;
            for (i = 0; i <= n - 16; i += 16)
            {
                var e = Vector512.Exp(Vector512.Load(px + i) - vm);
                e.Store(pd + i);
                sum += e;
            }
            if (i < n)
            {
                var e = Vector512.ConditionalSelect(tail, Vector512.Exp(Avx512F.MaskLoad(px + i, tail, Vector512<float>.Zero) - vm), Vector512<float>.Zero);
                Avx512F.MaskStore(pd + i, tail, e);
                sum += e;
            }
            float total = Vector512.Sum(sum);
            var inv = Vector512.Create(1f / total);
            for (i = 0; i <= n - 16; i += 16) (Vector512.Load(pd + i) * inv).Store(pd + i);
            if (i < n) Avx512F.MaskStore(pd + i, tail, Avx512F.MaskLoad(pd + i, tail, Vector512<float>.Zero) * inv);
            return max + MathF.Log(total);
        }
    }

    private static float HorizontalMax(Vector512<float> v)
    {
        var m = Vector256.Max(v.GetLower(), v.GetUpper());
        var q = Vector128.Max(m.GetLower(), m.GetUpper());
        q = Vector128.Max(q, Vector128.Shuffle(q, Vector128.Create(2, 3, 0, 1)));
        q = Vector128.Max(q, Vector128.Shuffle(q, Vector128.Create(1, 0, 3, 2)));
        return q.ToScalar();
    }

    /// <summary>Whether <see cref="Tanh"/> has a vector path here: AVX-512, or AVX2 with FMA (8 lanes, masked tail).</summary>
    public static bool TanhSupported => Avx512F.IsSupported || (Avx2.IsSupported && Fma.IsSupported);

    /// <summary>destination = tanh(x): an odd polynomial below |x| = 0.625 (Cephes tanhf), 1 - 2/(e^{2|x|}+1) above it,
    /// saturating to ±1 from |x| = 9 where tanh rounds to 1 in float32. Within 2e-7 of tanh everywhere.</summary>
    /// <remarks>The AVX2 twin (<see cref="Tanh8"/>) computes the same expression lane by lane, so both widths give the same floats
    /// (tested). Without it an AVX2 machine took <c>TensorPrimitives.Tanh</c> plus a scalar float64 series for |x| &lt; 0.2,
    /// which cost a batch-32 RNN-256 step more than its forward matrix products (issue 21).</remarks>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (Avx512F.IsSupported) Tanh512(x, destination);
        else Tanh256(x, destination);
    }

    /// <summary><see cref="Tanh"/>, 16 lanes (AVX-512).</summary>
    internal static void Tanh512(ReadOnlySpan<float> x, Span<float> destination)
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

    /// <summary><see cref="Tanh"/>, 8 lanes (AVX2 + FMA).</summary>
    internal static void Tanh256(ReadOnlySpan<float> x, Span<float> destination)
    {
        fixed (float* px = x, pd = destination)
        {
            int n = x.Length, i = 0;
            for (; i <= n - 8; i += 8) Tanh8(Vector256.Load(px + i)).Store(pd + i);
            if (i < n)
            {
                var m = TailMask8(n - i);
                Avx.MaskStore(pd + i, m, Tanh8(Avx.MaskLoad(px + i, m)));
            }
        }
    }

    // Lanes [0, count) set, for the last partial vector of a row (AVX2: vmaskmovps reads each lane's sign bit).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TailMask8(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

    /// <summary><see cref="Tanh16"/> on eight lanes (AVX2): the same operations in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh8(Vector256<float> x)
    {
        var ax = Vector256.Abs(x);
        var z = x * x;
        var poly = ((((Vector256.Create(-5.70498872745e-3f) * z + Vector256.Create(2.06390887954e-2f)) * z
            - Vector256.Create(5.37397155531e-2f)) * z + Vector256.Create(1.33314422036e-1f)) * z - Vector256.Create(3.33332819422e-1f)) * z;
        var small = Vector256.FusedMultiplyAdd(poly, x, x);                               // x + x³ P(x²)
        var e = Vector256.Exp(Vector256.Min(ax, Vector256.Create(9f)) * Vector256.Create(2f));
        var large = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);  // tanh |x|
        large = Vector256.CopySign(large, x);
        var y = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(0.625f)), small, large);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);                   // NaN in, NaN out
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
