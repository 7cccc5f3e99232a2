using DeepNlp.Kernels;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNlp.Numerics;

public static partial class Ops
{
    /// <summary>One Adam update (Kingma &amp; Ba 2015, as torch.optim.Adam without weight decay), in place.</summary>
    /// <remarks>m ← β1 m + (1-β1) g; v ← β2 v + (1-β2) g²; θ ← θ - lr · (m / bc1) / (√(v / bc2) + ε), with bc = 1 - β^t.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static unsafe void AdamUpdate<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> m, Span<T> v, double lr, double beta1, double beta2,
        double epsilon, double biasCorrection1, double biasCorrection2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(theta.Length, g.Length, nameof(g)); CheckSame(theta.Length, m.Length, nameof(m)); CheckSame(theta.Length, v.Length, nameof(v));
        if (theta.Length >= WorkerPool.ParallelElements && MaxThreads > 1 && !WorkerPool.IsBusy)
        {
            // Element-wise, so slices on different threads compute exactly what one thread would.
            fixed (T* pt = theta, pg = g, pm = m, pv = v)
            {
                nint t0 = (nint)pt, g0 = (nint)pg, m0 = (nint)pm, v0 = (nint)pv;
                WorkerPool.ParallelSlices(theta.Length, (s, n) => AdamUpdate(new Span<T>((T*)t0 + s, n), new ReadOnlySpan<T>((T*)g0 + s, n),
                    new Span<T>((T*)m0 + s, n), new Span<T>((T*)v0 + s, n), lr, beta1, beta2, epsilon, biasCorrection1, biasCorrection2));
            }
            return;
        }
        T b1 = T.CreateTruncating(beta1), b2 = T.CreateTruncating(beta2), one = T.One;
        T step = T.CreateTruncating(lr / biasCorrection1), eps = T.CreateTruncating(epsilon);
        T invSqrtBc2 = T.CreateTruncating(1.0 / Math.Sqrt(biasCorrection2));
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> vb1 = new(b1), vb2 = new(b2), c1 = new(one - b1), c2 = new(one - b2), vs = new(step), ve = new(eps), vbc = new(invSqrtBc2);
            for (; i <= theta.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = new Vector<T>(g[i..]);
                var mv = vb1 * new Vector<T>(m[i..]) + c1 * gv;
                var vv = vb2 * new Vector<T>(v[i..]) + c2 * gv * gv;
                mv.CopyTo(m[i..]); vv.CopyTo(v[i..]);
                (new Vector<T>(theta[i..]) - vs * mv / (Vector.SquareRoot(vv) * vbc + ve)).CopyTo(theta[i..]);
            }
        }
        for (; i < theta.Length; i++)
        {
            m[i] = b1 * m[i] + (one - b1) * g[i];
            v[i] = b2 * v[i] + (one - b2) * g[i] * g[i];
            theta[i] -= step * m[i] / (T.Sqrt(v[i]) * invSqrtBc2 + eps);
        }
    }

    /// <summary>One Adagrad update (Duchi et al. 2011, as min-char-rnn and torch.optim.Adagrad), in place.</summary>
    /// <remarks>G ← G + g²; θ ← θ - lr · g / (√G + ε).</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void AdagradUpdate<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> sumSquares, double lr, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(theta.Length, g.Length, nameof(g)); CheckSame(theta.Length, sumSquares.Length, nameof(sumSquares));
        T rate = T.CreateTruncating(lr), eps = T.CreateTruncating(epsilon);
        if (typeof(T) == typeof(float) && VectorF32.IsSupported)
        {
            VectorF32.Adagrad(MemoryMarshal.Cast<T, float>(theta), MemoryMarshal.Cast<T, float>(g),
                MemoryMarshal.Cast<T, float>(sumSquares), float.CreateTruncating(rate), float.CreateTruncating(eps));
            return;
        }
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            Vector<T> vr = new(rate), ve = new(eps);
            for (; i <= theta.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = new Vector<T>(g[i..]);
                var G = new Vector<T>(sumSquares[i..]) + gv * gv;
                G.CopyTo(sumSquares[i..]);
                (new Vector<T>(theta[i..]) - vr * gv / (Vector.SquareRoot(G) + ve)).CopyTo(theta[i..]);
            }
        }
        for (; i < theta.Length; i++)
        {
            sumSquares[i] += g[i] * g[i];
            theta[i] -= rate * g[i] / (T.Sqrt(sumSquares[i]) + eps);
        }
    }

    /// <summary>One SGD update with (heavy-ball) momentum, as torch.optim.SGD: u ← μ u + g; θ ← θ - lr · u.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void MomentumUpdate<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> velocity, double lr, double momentum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSame(theta.Length, g.Length, nameof(g)); CheckSame(theta.Length, velocity.Length, nameof(velocity));
        T mu = T.CreateTruncating(momentum), rate = T.CreateTruncating(lr);
        for (int i = 0; i < theta.Length; i++)
        {
            velocity[i] = mu * velocity[i] + g[i];
            theta[i] -= rate * velocity[i];
        }
    }
}
