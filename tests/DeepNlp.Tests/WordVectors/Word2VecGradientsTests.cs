using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class Word2VecGradientsTests
{
    [Fact]
    public void NaiveSoftmax_MatchesCentralDifferences_Float64()
    {
        const int V = 7, d = 4, outside = 3;
        var vc = GradientCheck.Random(d, 1);
        var U = GradientCheck.Random(V * d, 2);
        var dVc = new double[d];
        var dU = new double[V * d];
        var probs = new double[V];

        Word2VecGradients.NaiveSoftmax<double>(vc, U, outside, dVc, dU, probs);
        double Loss() => Word2VecGradients.NaiveSoftmax<double>(vc, U, outside, new double[d], new double[V * d], new double[V]);
        var numVc = GradientCheck.Numeric(vc, Loss);
        var numU = GradientCheck.Numeric(U, Loss);

        Assert.True(GradientCheck.MaxRelativeError(dVc, numVc) < GradientCheck.Tolerance, $"v_c error {GradientCheck.MaxRelativeError(dVc, numVc)}");
        Assert.True(GradientCheck.MaxRelativeError(dU, numU) < GradientCheck.Tolerance, $"U error {GradientCheck.MaxRelativeError(dU, numU)}");
        Assert.Equal(1.0, probs.Sum(), 12);
    }

    [Fact]
    public void NaiveSoftmax_LossIsMinusLogProbabilityOfOutsideWord()
    {
        var vc = new double[] { 1, 0 };
        var U = new double[] { 1, 0, 0, 0, -1, 0 };   // scores 1, 0, -1
        var probs = new double[3];

        double loss = Word2VecGradients.NaiveSoftmax<double>(vc, U, 1, new double[2], new double[6], probs);

        double expected = -Math.Log(1 / (Math.E + 1 + 1 / Math.E));
        Assert.Equal(expected, loss, 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void NegativeSamplingStep_MovesByMinusAlphaTimesTheGradient_Float64(double label)
    {
        const int d = 6;
        const double alpha = 0.3;
        var h = GradientCheck.Random(d, 3);
        var u = GradientCheck.Random(d, 4);
        var numH = GradientCheck.Numeric(h, () => Word2VecGradients.NegativeSamplingLoss<double>(h, u, label));
        var numU = GradientCheck.Numeric(u, () => Word2VecGradients.NegativeSamplingLoss<double>(h, u, label));
        var uBefore = (double[])u.Clone();
        var hUpdate = new double[d];

        Word2VecGradients.NegativeSamplingStep<double>(h, u, label, alpha, hUpdate);

        var uMove = u.Zip(uBefore, (a, b) => a - b).ToArray();
        Assert.True(GradientCheck.MaxRelativeError(uMove, numU.Select(g => -alpha * g).ToArray()) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(hUpdate, numH.Select(g => -alpha * g).ToArray()) < GradientCheck.Tolerance);
    }

    [Fact]
    public void NegativeSamplingLoss_ScoreOf1000_DoesNotOverflow()
    {
        var h = new double[] { 1000 };
        var u = new double[] { 1 };

        double positive = Word2VecGradients.NegativeSamplingLoss<double>(h, u, 1.0);
        double negative = Word2VecGradients.NegativeSamplingLoss<double>(h, u, 0.0);

        Assert.Equal(0.0, positive, 12);
        Assert.Equal(1000.0, negative, 9);
    }

    [Fact]
    public void NegativeSamplingStep_AllLengthsUpTo37_MatchTheScalarFormula()
    {
        for (int d = 0; d <= 37; d++)
        {
            var h = GradientCheck.Random(d, d + 10).Select(x => (float)x).ToArray();
            var u = GradientCheck.Random(d, d + 50).Select(x => (float)x).ToArray();
            var e = GradientCheck.Random(d, d + 90).Select(x => (float)x).ToArray();
            var (uRef, eRef) = ((float[])u.Clone(), (float[])e.Clone());
            float s = 0;
            for (int k = 0; k < d; k++) s += h[k] * u[k];
            float g = (0f - 1f / (1f + MathF.Exp(-s))) * 0.1f;
            for (int k = 0; k < d; k++) { eRef[k] += g * u[k]; uRef[k] = u[k] + g * h[k]; }

            Word2VecGradients.NegativeSamplingStep<float>(h, u, 0f, 0.1f, e);

            for (int k = 0; k < d; k++)
            {
                Assert.Equal(uRef[k], u[k], 1e-5f);
                Assert.Equal(eRef[k], e[k], 1e-5f);
            }
        }
    }
}
