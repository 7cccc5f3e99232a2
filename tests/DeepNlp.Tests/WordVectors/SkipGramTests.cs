using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class SkipGramTests
{
    // J = -log σ(u_oᵀv) - Σ_k log σ(-u_kᵀv), targets[0] = o.
    private static double Loss(double[] v, double[] U, int[] targets, int d) =>
        targets.Select((w, t) => Word2VecGradients.NegativeSamplingLoss<double>(v, U.AsSpan(w * d, d), t == 0 ? 1.0 : 0.0)).Sum();

    [Fact]
    public void Step_MovesEveryVectorByMinusAlphaTimesCentralDifferences_Float64()
    {
        int V = 6, d = 5; const double alpha = 0.1;
        var rng = new Random(3);
        var v = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var U = Enumerable.Range(0, V * d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        int[] targets = [4, 0, 2, 5];
        var dv = GradientCheck.Numeric(v, () => Loss(v, U, targets, d));
        var dU = GradientCheck.Numeric(U, () => Loss(v, U, targets, d));
        double[] v1 = (double[])v.Clone(), U1 = (double[])U.Clone();

        SkipGram.Step<double>(v1, U1, targets, alpha, new double[d]);

        Assert.True(GradientCheck.MaxRelativeError(v.Select((x, i) => x - alpha * dv[i]).ToArray(), v1) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(U.Select((x, i) => x - alpha * dU[i]).ToArray(), U1) < GradientCheck.Tolerance);
    }
}

public class CbowTests
{
    [Fact]
    public void Step_MovesOutputByMinusAlphaGradient_AndEachContextByTheWholeHiddenUpdate_Float64()
    {
        int V = 7, d = 4; const double alpha = 0.2;
        var rng = new Random(4);
        var input = Enumerable.Range(0, V * d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var U = Enumerable.Range(0, V * d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        int[] context = [1, 3, 6], targets = [2, 0, 5];
        var h = new double[d];
        foreach (int c in context) for (int i = 0; i < d; i++) h[i] += input[c * d + i] / context.Length;
        double Loss() => targets.Select((w, t) => Word2VecGradients.NegativeSamplingLoss<double>(h, U.AsSpan(w * d, d), t == 0 ? 1.0 : 0.0)).Sum();
        var dh = GradientCheck.Numeric(h, Loss);
        var dU = GradientCheck.Numeric(U, Loss);
        double[] input1 = (double[])input.Clone(), U1 = (double[])U.Clone(), hOut = new double[d], e = new double[d];

        Cbow.Step<double>(input1, U1, context, targets, alpha, hOut, e);

        Assert.True(GradientCheck.MaxRelativeError(h, hOut) < 1e-12);
        Assert.True(GradientCheck.MaxRelativeError(U.Select((x, i) => x - alpha * dU[i]).ToArray(), U1) < GradientCheck.Tolerance);
        foreach (int c in context)
            for (int i = 0; i < d; i++) Assert.Equal(input[c * d + i] - alpha * dh[i], input1[c * d + i], 1e-6);   // the C tool adds all of e
    }
}
