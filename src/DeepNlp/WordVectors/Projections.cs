using MathNet.Numerics.LinearAlgebra;

namespace DeepNlp.WordVectors;

/// <summary>Two-dimensional views of word vectors: PCA and exact t-SNE.</summary>
/// <remarks>
/// PCA: the top two eigenvectors of the covariance of the centred vectors, each signed so that its largest component
/// is positive (so results do not flip between runs). t-SNE: the exact O(N²) algorithm of van der Maaten and Hinton
/// (2008) as in their reference tsne.py: per-point Gaussian bandwidths by binary search to the perplexity, symmetrised
/// P, Student-t Q, early exaggeration 12 for 250 iterations, momentum 0.5 then 0.8, adaptive gains, learning rate max(N/48, 50) (scikit-learn's "auto"; the reference uses 500, too large for the few hundred words a lecture shows),
/// seeded N(0, 1e-4) start. Meant for up to about 2,000 words. Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class Projections
{
    /// <summary>Projects the given words (those present) onto their first two principal components.</summary>
    /// <exception cref="ArgumentException">Fewer than two of the words have vectors.</exception>
    public static Projection2D Pca(WordEmbeddings embeddings, IEnumerable<string> words)
    {
        var (labels, X) = Rows(embeddings, words);
        int n = labels.Length;
        var mean = X.ColumnSums() / n;
        var C = X - Matrix<double>.Build.Dense(n, X.ColumnCount, (i, j) => mean[j]);
        var cov = C.TransposeThisAndMultiply(C) / Math.Max(1, n - 1);
        var evd = cov.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        int d = X.ColumnCount;
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).Take(2).ToArray();
        var coords = new double[2][];
        for (int k = 0; k < 2; k++)
        {
            var v = evd.EigenVectors.Column(order[Math.Min(k, order.Length - 1)]);
            if (v[v.AbsoluteMaximumIndex()] < 0) v = -v;
            coords[k] = (C * v).ToArray();
        }
        return new Projection2D("PCA", labels, coords[0], coords[1]);
    }

    /// <summary>Embeds the given words (those present) in 2-D with exact t-SNE.</summary>
    /// <param name="embeddings">The vectors.</param>
    /// <param name="words">Words to show (at most a few thousand).</param>
    /// <param name="perplexity">Effective number of neighbours; null uses min(30, (N - 1) / 3).</param>
    /// <param name="iterations">Gradient steps (1000 as in tsne.py).</param>
    /// <param name="seed">Seeds the start positions.</param>
    /// <exception cref="ArgumentException">Fewer than two of the words have vectors.</exception>
    public static Projection2D TSne(WordEmbeddings embeddings, IEnumerable<string> words, double? perplexity = null, int iterations = 1000, int seed = 1)
    {
        var (labels, X) = Rows(embeddings, words);
        int n = labels.Length;
        double perp = perplexity ?? Math.Max(1, Math.Min(30, (n - 1) / 3.0));
        var D = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                D[i, j] = (X.Row(i) - X.Row(j)).DotProduct(X.Row(i) - X.Row(j));
        var P = JointProbabilities(D, n, perp);

        var rng = new Random(seed);
        var Y = new double[n, 2];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 2; k++)
                Y[i, k] = 1e-2 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var update = new double[n, 2];
        var gains = new double[n, 2];
        for (int i = 0; i < n; i++) { gains[i, 0] = 1; gains[i, 1] = 1; }
        var num = new double[n, n];
        double learningRate = Math.Max(n / 12.0 / 4, 50);                                   // scikit-learn's 'auto'
        var grad = new double[n, 2];
        for (int it = 0; it < iterations; it++)
        {
            double exaggeration = it < 250 ? 12 : 1, momentum = it < 250 ? 0.5 : 0.8, sum = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double dx = Y[i, 0] - Y[j, 0], dy = Y[i, 1] - Y[j, 1];
                    num[i, j] = i == j ? 0 : 1 / (1 + dx * dx + dy * dy);                  // Student-t kernel
                    sum += num[i, j];
                }
            for (int i = 0; i < n; i++)
            {
                grad[i, 0] = grad[i, 1] = 0;
                for (int j = 0; j < n; j++)
                {
                    double q = Math.Max(num[i, j] / sum, 1e-12);
                    double m = 4 * (exaggeration * P[i, j] - q) * num[i, j];             // ∂C/∂y_i = 4 Σ_j (p_ij - q_ij)(1 + |y_i - y_j|²)⁻¹ (y_i - y_j)
                    grad[i, 0] += m * (Y[i, 0] - Y[j, 0]);
                    grad[i, 1] += m * (Y[i, 1] - Y[j, 1]);
                }
            }
            for (int i = 0; i < n; i++)
                for (int k = 0; k < 2; k++)
                {
                    gains[i, k] = Math.Sign(grad[i, k]) != Math.Sign(update[i, k]) ? gains[i, k] + 0.2 : gains[i, k] * 0.8;
                    gains[i, k] = Math.Max(gains[i, k], 0.01);
                    update[i, k] = momentum * update[i, k] - learningRate * gains[i, k] * grad[i, k];
                    Y[i, k] += update[i, k];
                }
            for (int k = 0; k < 2; k++)
            {
                double mean = 0;
                for (int i = 0; i < n; i++) mean += Y[i, k] / n;
                for (int i = 0; i < n; i++) Y[i, k] -= mean;
            }
        }
        return new Projection2D("t-SNE", labels, Enumerable.Range(0, n).Select(i => Y[i, 0]).ToArray(), Enumerable.Range(0, n).Select(i => Y[i, 1]).ToArray());
    }

    // p_{j|i} with bandwidth chosen so that 2^H(P_i) = perplexity, then p_ij = (p_{j|i} + p_{i|j}) / 2N.
    private static double[,] JointProbabilities(double[,] D, int n, double perplexity)
    {
        var P = new double[n, n];
        double target = Math.Log(perplexity);
        var row = new double[n];
        for (int i = 0; i < n; i++)
        {
            double beta = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            for (int step = 0; step < 60; step++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    row[j] = j == i ? 0 : Math.Exp(-D[i, j] * beta);
                    sum += row[j];
                    weighted += D[i, j] * row[j];
                }
                sum = Math.Max(sum, 1e-300);
                double H = Math.Log(sum) + beta * weighted / sum;                         // entropy in nats
                if (Math.Abs(H - target) < 1e-5) break;
                if (H > target) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
                else { hi = beta; beta = double.IsNegativeInfinity(lo) ? beta / 2 : (beta + lo) / 2; }
            }
            double s = 0;
            for (int j = 0; j < n; j++) s += row[j];
            for (int j = 0; j < n; j++) P[i, j] = s > 0 ? row[j] / s : 0;
        }
        var J = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                J[i, j] = Math.Max((P[i, j] + P[j, i]) / (2.0 * n), 1e-12);
        return J;
    }

    private static (string[] Labels, Matrix<double> X) Rows(WordEmbeddings e, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(words);
        var labels = words.Distinct(StringComparer.Ordinal).Where(e.Contains).ToArray();
        if (labels.Length < 2) throw new ArgumentException("At least two of the words need vectors.", nameof(words));
        var X = Matrix<double>.Build.Dense(labels.Length, e.Dimension, (i, j) => e[labels[i]][j]);
        return (labels, X);
    }
}
