using DeepNlp.Numerics;
using DeepNlp.Tests.Layers;
using DeepNlp.Training;

namespace DeepNlp.Tests.Numerics;

public class OpsGeluTests
{
    [Fact]
    public void Forward_MatchesPyTorchFixture()
    {
        var f = TransformerFixture.Load("gelu.json");
        var x = TransformerFixture.A(f, "x");
        var y = new double[x.Length];

        Ops.Gelu<double>(x, y);

        TransformerFixture.AssertClose(TransformerFixture.A(f, "y"), y, f, "y");
    }

    [Fact]
    public void Backward_MatchesPyTorchFixture()
    {
        var f = TransformerFixture.Load("gelu.json");
        var x = TransformerFixture.A(f, "x");
        var dx = new double[x.Length];

        Ops.GeluBackward<double>(TransformerFixture.A(f, "w"), x, dx);

        TransformerFixture.AssertClose(TransformerFixture.A(f, "grad_x"), dx, f, "grad_x");
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(5);
        var x = GradTestHelpers.RandomParameter("x", 50, rng, 4);
        var w = GradTestHelpers.RandomParameter("w", 50, rng).Value;
        var y = new double[50];

        double Loss() { Ops.Gelu<double>(x.Value, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([x], Loss, () => Ops.GeluBackward<double>(w, x.Value, x.Grad));

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.52049987781304653768)]
    [InlineData(1.0, 0.84270079294971486934)]
    [InlineData(-2.0, -0.99532226501895273416)]
    [InlineData(3.5, 0.99999925690162765859)]
    [InlineData(2.5, 0.99959304798255504107)]
    [InlineData(6.5, 1.0)]
    public void Erf_MatchesTabulatedValues(double x, double expected)
    {
        double erf = Ops.Erf(x);

        Assert.True(Math.Abs(erf - expected) <= 2e-15 * Math.Abs(expected), $"erf({x}) = {erf:R}, expected {expected:R}");
    }

    [Fact]
    public void Float32_MatchesFloat64_ForEveryLengthAndBothPasses()
    {
        var rng = new Random(6);
        foreach (int n in new[] { 0, 1, 7, 15, 16, 17, 33, 100, 70_000 })
        {
            var x = new double[n]; var dy = new double[n];
            Init.Normal<double>(x, 0, 3, rng);
            Init.Normal<double>(dy, 0, 1, rng);
            var y64 = new double[n]; var d64 = new double[n];
            var y32 = new float[n]; var d32 = new float[n];
            var x32 = x.Select(v => (float)v).ToArray(); var dy32 = dy.Select(v => (float)v).ToArray();

            Ops.Gelu<double>(x, y64); Ops.GeluBackward<double>(dy, x, d64);
            Ops.Gelu<float>(x32, y32); Ops.GeluBackward<float>(dy32, x32, d32);

            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(y64[i] - y32[i]) < 2e-6 * (1 + Math.Abs(x[i])), $"n={n} y[{i}] x={x[i]}: {y64[i]} vs {y32[i]}");
                Assert.True(Math.Abs(d64[i] - d32[i]) < 2e-6 * (1 + Math.Abs(x[i])) * (1 + Math.Abs(dy[i])), $"n={n} dx[{i}] x={x[i]}: {d64[i]} vs {d32[i]}");
            }
        }
    }
}
