using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DeepNlp.Numerics;

/// <summary>Weight initialisers; each draws from a <see cref="Random"/> the caller created from a seed.</summary>
/// <remarks>Taught in notebooks/06_vanishing_exploding_gradients.ipynb (why the scale of W_hh matters; orthogonal and identity initialisation).</remarks>
public static class Init
{
    /// <summary>Fills <paramref name="w"/> with independent draws from U(low, high).</summary>
    public static void Uniform<T>(Span<T> w, double low, double high, Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateTruncating(low + (high - low) * rng.NextDouble());
    }

    /// <summary>Fills <paramref name="w"/> with independent draws from N(mean, std²) (Box–Muller).</summary>
    public static void Normal<T>(Span<T> w, double mean, double std, Random rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < w.Length; i++) w[i] = T.CreateTruncating(mean + std * StandardNormal(rng));
    }

    /// <summary>Xavier/Glorot uniform for a weight [fanOut, fanIn]: U(-a, a) with a = gain·√(6 / (fanIn + fanOut)).</summary>
    public static void XavierUniform<T>(Span<T> w, int fanOut, int fanIn, Random rng, double gain = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(w.Length, fanOut, fanIn);
        double a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        Uniform(w, -a, a, rng);
    }

    /// <summary>Xavier/Glorot normal for a weight [fanOut, fanIn]: N(0, gain²·2 / (fanIn + fanOut)).</summary>
    public static void XavierNormal<T>(Span<T> w, int fanOut, int fanIn, Random rng, double gain = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(w.Length, fanOut, fanIn);
        Normal(w, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    /// <summary>A (semi-)orthogonal matrix [rows, cols] times <paramref name="gain"/>: Q of the QR factorisation of a Gaussian matrix, signs fixed by R's diagonal (Saxe et al. 2014).</summary>
    /// <remarks>Every singular value equals <paramref name="gain"/>, so an orthogonal W_hh neither shrinks nor grows h at initialisation.</remarks>
    /// <exception cref="ArgumentException">The span length is not rows·cols.</exception>
    public static void Orthogonal<T>(Span<T> w, int rows, int cols, Random rng, double gain = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(w.Length, rows, cols);
        bool tall = rows >= cols;
        int r = tall ? rows : cols, c = tall ? cols : rows;
        var g = Matrix<double>.Build.Dense(r, c, (_, _) => StandardNormal(rng));
        var qr = g.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        var rr = qr.R;
        for (int j = 0; j < c; j++)
        {
            double sign = rr[j, j] < 0 ? -1 : 1;
            for (int i = 0; i < r; i++) q[i, j] *= sign;
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                w[i * cols + j] = T.CreateTruncating(gain * (tall ? q[i, j] : q[j, i]));
    }

    /// <summary>scale · I for a [rows, cols] weight (ones on the diagonal; Le et al. 2015's IRNN uses it for W_hh).</summary>
    /// <exception cref="ArgumentException">The span length is not rows·cols.</exception>
    public static void Identity<T>(Span<T> w, int rows, int cols, double scale = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(w.Length, rows, cols);
        w.Clear();
        for (int i = 0; i < Math.Min(rows, cols); i++) w[i * cols + i] = T.CreateTruncating(scale);
    }

    /// <summary>One draw from N(0, 1) by the Box–Muller transform.</summary>
    public static double StandardNormal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static void CheckShape(int length, int rows, int cols)
    {
        if (length != rows * cols)
            throw new ArgumentException($"Weight has {length} elements, expected [{rows}, {cols}] = {rows * cols}.", nameof(length));
    }
}
