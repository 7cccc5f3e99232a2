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

}
