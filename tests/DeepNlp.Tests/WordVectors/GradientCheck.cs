namespace DeepNlp.Tests.WordVectors;

/// <summary>Central differences for the float64 gradient checks of the word-vector and classifier objectives.</summary>
internal static class GradientCheck
{
    public const double Step = 1e-6;
    public const double Tolerance = 1e-6;

    /// <summary>∂f/∂p_i by (f(p + h e_i) - f(p - h e_i)) / 2h, for every entry of <paramref name="p"/> (restored afterwards).</summary>
    public static double[] Numeric(double[] p, Func<double> f)
    {
        var g = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            double old = p[i];
            p[i] = old + Step; double plus = f();
            p[i] = old - Step; double minus = f();
            p[i] = old;
            g[i] = (plus - minus) / (2 * Step);
        }
        return g;
    }

    /// <summary>Largest |a - b| / max(1, |a|, |b|).</summary>
    public static double MaxRelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / Math.Max(1, Math.Max(Math.Abs(a[i]), Math.Abs(b[i]))));
        return worst;
    }

    public static double[] Random(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
    }
}
