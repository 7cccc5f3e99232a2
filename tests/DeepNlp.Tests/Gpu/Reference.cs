namespace DeepNlp.Tests.Gpu;

/// <summary>Plain scalar float64 twins of the GPU kernels, written independently of the device code.</summary>
internal static class Reference
{
    public static float[] Random(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    public static double[] Gemm(float[] a, float[] b, float[] c, int m, int n, int k, bool ta, bool tb, double alpha, double beta)
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (double)(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                result[i * n + j] = alpha * s + beta * c[i * n + j];
            }
        return result;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<float> actual, double tolerance, string what = "")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]));
            Assert.True(error <= tolerance, $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9} (error {error:G3} > {tolerance:G3})");
        }
    }

    public static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, double tolerance, string what = "") =>
        AssertClose(expected.Select(x => (double)x).ToArray(), actual, tolerance, what);
}
