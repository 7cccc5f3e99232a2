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

    // gensim's skip (Word2VecVariant.SkipSaturated): targets whose score is 6 or more from 0 drop out of the step, the
    // others move as the loss over them alone says. Rows 2 and 5 are set to score +8 and -8 against v.
    [Fact]
    public void StepSkippingSaturated_StepsOnTheUnsaturatedTargetsLossOnly_Float64()
    {
        int V = 6, d = 5; const double alpha = 0.1;
        var rng = new Random(7);
        var v = Enumerable.Range(0, d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var U = Enumerable.Range(0, V * d).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double vv = v.Sum(x => x * x);
        for (int i = 0; i < d; i++) { U[2 * d + i] = 8 * v[i] / vv; U[5 * d + i] = -8 * v[i] / vv; }
        int[] targets = [4, 0, 2, 5], live = [4, 0];                                  // 2 (a noise word at +8) and 5 (at -8) saturate
        var dv = GradientCheck.Numeric(v, () => Loss(v, U, live, d));
        var dU = GradientCheck.Numeric(U, () => Loss(v, U, live, d));
        double[] v1 = (double[])v.Clone(), U1 = (double[])U.Clone();

        SkipGram.StepSkippingSaturated<double>(v1, U1, targets, alpha, new double[d], saturation: 6.0);

        Assert.True(GradientCheck.MaxRelativeError(v.Select((x, i) => x - alpha * dv[i]).ToArray(), v1) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(U.Select((x, i) => x - alpha * dU[i]).ToArray(), U1) < GradientCheck.Tolerance);
        Assert.Equal(U.AsSpan(2 * d, d).ToArray(), U1.AsSpan(2 * d, d).ToArray());
        Assert.Equal(U.AsSpan(5 * d, d).ToArray(), U1.AsSpan(5 * d, d).ToArray());
    }

    [Fact]
    public void StepSkippingSaturated_Infinity_IsThePublicStep_Bitwise()
    {
        var rng = new Random(8);
        var v = Enumerable.Range(0, 9).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();
        var U = Enumerable.Range(0, 5 * 9).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();   // scores well past ±6
        float[] v1 = (float[])v.Clone(), U1 = (float[])U.Clone(), v2 = (float[])v.Clone(), U2 = (float[])U.Clone();
        int[] targets = [1, 3, 0, 4];

        SkipGram.Step<float>(v1, U1, targets, 0.05f, new float[9]);
        SkipGram.StepSkippingSaturated<float>(v2, U2, targets, 0.05f, new float[9], float.PositiveInfinity);

        Assert.Equal(v1, v2);
        Assert.Equal(U1, U2);
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
