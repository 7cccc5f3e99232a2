using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace DeepNlp.WordVectors;

/// <summary>Count-based word vectors: a rank-k truncated SVD of a (PPMI) co-occurrence matrix, by randomized SVD.</summary>
/// <remarks>
/// Randomized range finder (Halko, Martinsson and Tropp 2011): Y = A Ω with Gaussian Ω of k + 10 columns, a few
/// power iterations Y = A (Aᵀ Y) with QR re-orthonormalisation, then the exact SVD of the small B = Qᵀ A through the eigen-decomposition of the l × l matrix B Bᵀ (MathNet).
/// Word vectors are U_k Σ_k^p; p = 0.5 (the default) splits Σ between words and contexts, as Levy et al. suggest.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class TruncatedSvd
{
    /// <summary>Rank-<paramref name="k"/> word vectors of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">The sparse matrix <c>[V, V]</c>.</param>
    /// <param name="k">Number of dimensions.</param>
    /// <param name="eigenWeight">Exponent p of Σ in U Σ^p.</param>
    /// <param name="powerIterations">Power iterations (more is more exact for slowly decaying spectra).</param>
    /// <param name="seed">Seeds Ω.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or above the matrix size.</exception>
    public static WordEmbeddings Embed(CooccurrenceMatrix matrix, int k = 100, double eigenWeight = 0.5, int powerIterations = 3, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Size;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        int l = Math.Min(n, k + 10);
        var rng = new Random(seed);
        var omega = new double[n * l];
        for (int i = 0; i < omega.Length; i++) omega[i] = Gaussian(rng);
        var y = new double[n * l];
        var z = new double[n * l];
        matrix.Multiply(omega, l, y, transpose: false);                      // Y = A Ω
        for (int q = 0; q < powerIterations; q++)
        {
            Orthonormalize(y, n, l);
            matrix.Multiply(y, l, z, transpose: true);                       // Z = Aᵀ Y
            Orthonormalize(z, n, l);
            matrix.Multiply(z, l, y, transpose: false);                      // Y = A Z
        }
        var Q = Orthonormalize(y, n, l);
        matrix.Multiply(y, l, z, transpose: true);                           // Bᵀ = Aᵀ Q, [n, l]
        var Bt = Matrix<double>.Build.Dense(n, l, (i, j) => z[i * l + j]);
        // B Bᵀ = U_b Σ² U_bᵀ is only l × l; its eigenvectors are B's left singular vectors (B's right ones would be n × n)
        var evd = Bt.TransposeThisAndMultiply(Bt).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, l).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var U = Q * evd.EigenVectors;                                        // U = Q U_b
        var vectors = new float[n * k];
        for (int j = 0; j < k; j++)
        {
            int col = order[j];
            double sigma = Math.Sqrt(Math.Max(0, evd.EigenValues[col].Real));
            double scale = Math.Pow(sigma, eigenWeight);
            // the sign of a singular vector is arbitrary; fix it so the largest component is positive
            double sign = U.Column(col).Maximum() >= -U.Column(col).Minimum() ? 1 : -1;
            for (int i = 0; i < n; i++) vectors[i * k + j] = (float)(sign * U[i, col] * scale);
        }
        return new WordEmbeddings(matrix.Words, vectors, k);
    }

    // Replaces the columns of x [n, l] by an orthonormal basis of their span; returns it as a matrix too.
    private static Matrix<double> Orthonormalize(double[] x, int n, int l)
    {
        var m = Matrix<double>.Build.Dense(n, l, (i, j) => x[i * l + j]);
        var q = m.QR(QRMethod.Thin).Q;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < l; j++) x[i * l + j] = q[i, j];
        return q;
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
