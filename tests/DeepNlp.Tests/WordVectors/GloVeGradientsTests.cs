using DeepNlp.WordVectors;

namespace DeepNlp.Tests.WordVectors;

public class GloVeGradientsTests
{
    [Theory]
    [InlineData(3.0)]     // below x_max: weight (x/x_max)^α
    [InlineData(250.0)]   // above x_max: weight 1
    public void Entry_MatchesCentralDifferences_Float64(double x)
    {
        const int d = 5;
        var wi = GradientCheck.Random(d, 1);
        var wj = GradientCheck.Random(d, 2);
        var biases = new[] { 0.3, -0.2 };
        var dWi = new double[d];
        var dWj = new double[d];

        GloVeGradients.Entry<double>(wi, wj, biases[0], biases[1], x, 100, 0.75, dWi, dWj, out double dB);
        double Loss() => GloVeGradients.Entry<double>(wi, wj, biases[0], biases[1], x, 100, 0.75, new double[d], new double[d], out _);
        var numWi = GradientCheck.Numeric(wi, Loss);
        var numWj = GradientCheck.Numeric(wj, Loss);
        var numB = GradientCheck.Numeric(biases, Loss);

        Assert.True(GradientCheck.MaxRelativeError(dWi, numWi) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(dWj, numWj) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError([dB, dB], numB) < GradientCheck.Tolerance);
    }

    [Fact]
    public void Weight_IsOneAboveXMaxAndPowerBelow()
    {
        Assert.Equal(1.0, GloVeGradients.Weight(150.0, 100.0, 0.75));
        Assert.Equal(Math.Pow(0.25, 0.75), GloVeGradients.Weight(25.0, 100.0, 0.75), 12);
    }

    [Fact]
    public void Entry_ExactFit_HasZeroLoss()
    {
        var wi = new[] { 1.0, 0.0 };
        var wj = new[] { Math.Log(8), 5.0 };

        double loss = GloVeGradients.Entry<double>(wi, wj, 0, 0, 8, 100, 0.75, new double[2], new double[2], out double dB);

        Assert.Equal(0.0, loss, 12);
        Assert.Equal(0.0, dB, 12);
    }

}
