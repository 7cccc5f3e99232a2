using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Training;

public class OptimizerTests
{
    private static Parameter<double> Param(double value, double grad)
    {
        var p = new Parameter<double>("w", 1);
        p.Value[0] = value; p.Grad[0] = grad;
        return p;
    }

    [Fact]
    public void Adam_FirstStep_MovesByLearningRateTimesSignOfGradient()
    {
        var p = Param(1.0, 0.3);
        var adam = new Adam<double>([p], learningRate: 0.01);

        adam.Step();

        Assert.Equal(1.0 - 0.01 * 0.3 / (0.3 + 1e-8), p.Value[0], 12);
    }

    [Fact]
    public void Adam_TwoSteps_MatchTheBiasCorrectedFormula()
    {
        var p = Param(0.5, 0.2);
        var adam = new Adam<double>([p], learningRate: 0.1);
        adam.Step();
        p.Grad[0] = -0.4;

        adam.Step();

        double m = 0.9 * (0.1 * 0.2) + 0.1 * -0.4, v = 0.999 * (0.001 * 0.04) + 0.001 * 0.16;
        double mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999);
        double first = 0.5 - 0.1 * 0.2 / (0.2 + 1e-8);
        Assert.Equal(first - 0.1 * mhat / (Math.Sqrt(vhat) + 1e-8), p.Value[0], 10);
    }

    [Fact]
    public void Adagrad_AndMomentum_FollowTheirUpdateRules()
    {
        var a = Param(1.0, 2.0); var s = Param(1.0, 2.0);
        var adagrad = new Adagrad<double>([a], 0.1);
        var sgd = new Sgd<double>([s], 0.1, momentum: 0.9);

        adagrad.Step(); adagrad.Step();
        sgd.Step(); sgd.Step();

        Assert.Equal(1.0 - 0.1 * 2 / (2 + 1e-8) - 0.1 * 2 / (Math.Sqrt(8) + 1e-8), a.Value[0], 10);
        Assert.Equal(1.0 - 0.1 * 2 - 0.1 * (0.9 * 2 + 2), s.Value[0], 12);
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesAllGradientsToTheNorm()
    {
        var a = Param(0, 3); var b = Param(0, 4);

        double before = GradientClipping.ClipByGlobalNorm([a, b], 1.0);

        Assert.Equal(5.0, before, 12);
        Assert.Equal(0.6, a.Grad[0], 5);
        Assert.Equal(0.8, b.Grad[0], 5);
    }

    [Fact]
    public void ClipByValue_ClampsEachElement()
    {
        var a = Param(0, -7);

        GradientClipping.ClipByValue([a], 5);

        Assert.Equal(-5, a.Grad[0]);
    }

    [Fact]
    public void CosineSchedule_WarmsUpThenDecaysToMinimum()
    {
        var s = LearningRateSchedule.Cosine(1.0, totalSteps: 110, minRate: 0.1, warmupSteps: 10);

        Assert.Equal(0.1, s.At(0), 12);
        Assert.Equal(1.0, s.At(10), 12);
        Assert.Equal(0.55, s.At(60), 12);
        Assert.Equal(0.1, s.At(110), 12);
    }
}

public class OptimizerKernelTests
{
    [Fact]
    public void AdamAndAdagradKernels_VectorAndScalarPaths_AgreeWithDefinition_ForLengths0To40()
    {
        for (int n = 0; n <= 40; n++)
        {
            var rng = new Random(n);
            double[] R() => [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5)];
            double[] theta = R(), g = R(), m = R(), v = [.. R().Select(Math.Abs)], G = [.. R().Select(Math.Abs)];
            double[] t2 = (double[])theta.Clone(), m2 = (double[])m.Clone(), v2 = (double[])v.Clone(), t3 = (double[])theta.Clone(), G2 = (double[])G.Clone();

            DeepNlp.Numerics.Ops.AdamUpdate<double>(t2, g, m2, v2, 0.01, 0.9, 0.999, 1e-8, 0.19, 0.002);
            DeepNlp.Numerics.Ops.AdagradUpdate<double>(t3, g, G2, 0.1, 1e-8);

            for (int i = 0; i < n; i++)
            {
                double mm = 0.9 * m[i] + 0.1 * g[i], vv = 0.999 * v[i] + 0.001 * g[i] * g[i];
                Assert.Equal(theta[i] - 0.01 / 0.19 * mm / (Math.Sqrt(vv) / Math.Sqrt(0.002) + 1e-8), t2[i], 12);
                double GG = G[i] + g[i] * g[i];
                Assert.Equal(theta[i] - 0.1 * g[i] / (Math.Sqrt(GG) + 1e-8), t3[i], 12);
            }
        }
    }
}
