using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class GpuCharLstmTests(GpuFixture fixture)
{
    private const int V = 7, E = 3, H = 4, B = 2, T = 5;
    private readonly GpuDevice _device = fixture.Device;

    private static (int[] Inputs, int[] Targets) Batch(int seed)
    {
        var rng = new Random(seed);
        var ids = Enumerable.Range(0, B * (T + 1)).Select(_ => rng.Next(V)).ToArray();
        var inputs = new int[B * T];
        var targets = new int[B * T];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
            {
                inputs[b * T + t] = ids[b * (T + 1) + t];
                targets[b * T + t] = ids[b * (T + 1) + t + 1];
            }
        return (inputs, targets);
    }

    private static double[][] ToDouble(GpuCharLstmWeights w) => w.All.Select(a => a.Select(x => (double)x).ToArray()).ToArray();

    [Fact]
    public void ComputeGradients_TwoBatchesWithCarriedState_MatchFloat64LossAndCentralDifferences()
    {
        using var model = new GpuCharLstm(_device, V, E, H, B, T, seed: 3);
        var reference = new CharLstmReference(V, E, H, B, T);
        var w = ToDouble(model.GetWeights());
        var h0 = new double[B * H];
        var c0 = new double[B * H];

        foreach (var seed in new[] { 1, 2 })
        {
            var (inputs, targets) = Batch(seed);

            double loss = model.ComputeGradients(inputs, targets);

            var (expectedLoss, hT, cT) = reference.Forward(w, inputs, targets, h0, c0);
            Assert.True(Math.Abs(loss - expectedLoss) < 1e-5, $"batch {seed}: loss {loss} vs {expectedLoss}");
            var expected = reference.Gradients(w, inputs, targets, h0, c0);
            var actual = model.GetGradients().All;
            for (int p = 0; p < expected.Length; p++)
                Reference.AssertClose(expected[p], actual[p], 2e-4, $"batch {seed} {GpuCharLstmWeights.Names[p]}");
            (h0, c0) = (hT, cT);
        }
    }

    [Fact]
    public void TrainStep_ThreeSteps_MatchesFloat64ClipAndAdam()
    {
        using var model = new GpuCharLstm(_device, V, E, H, B, T, seed: 4);
        var reference = new CharLstmReference(V, E, H, B, T);
        var w = ToDouble(model.GetWeights());
        var m = w.Select(p => new double[p.Length]).ToArray();
        var s = w.Select(p => new double[p.Length]).ToArray();
        var h0 = new double[B * H];
        var c0 = new double[B * H];
        const double lr = 0.05, maxNorm = 0.5;

        for (int step = 1; step <= 3; step++)
        {
            var (inputs, targets) = Batch(10 + step);

            var result = model.TrainStep(inputs, targets, (float)lr, (float)maxNorm);

            var (expectedLoss, hT, cT) = reference.Forward(w, inputs, targets, h0, c0);
            var g = reference.Gradients(w, inputs, targets, h0, c0);
            double norm = Math.Sqrt(g.Sum(p => p.Sum(x => x * x)));
            double coefficient = Math.Min(1, maxNorm / (norm + 1e-6));
            for (int p = 0; p < w.Length; p++)
                for (int k = 0; k < w[p].Length; k++)
                {
                    double gk = g[p][k] * coefficient;
                    m[p][k] = 0.9 * m[p][k] + 0.1 * gk;
                    s[p][k] = 0.999 * s[p][k] + 0.001 * gk * gk;
                    w[p][k] -= lr / (1 - Math.Pow(0.9, step)) * m[p][k] / (Math.Sqrt(s[p][k]) / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-8);
                }
            Assert.Equal(step, result.Step);
            Assert.True(Math.Abs(result.Loss - expectedLoss) < 1e-4, $"step {step}: loss {result.Loss} vs {expectedLoss}");
            Assert.True(Math.Abs(result.GradientNorm - norm) < 1e-4 * Math.Max(1, norm), $"step {step}: norm {result.GradientNorm} vs {norm}");
            (h0, c0) = (hT, cT);
        }
        var final = model.GetWeights().All;
        for (int p = 0; p < w.Length; p++)
            Reference.AssertClose(w[p], final[p], 1e-4, GpuCharLstmWeights.Names[p]);
    }

    [Fact]
    public void TrainStep_SameSeed_GivesSameLosses()
    {
        double[] Run()
        {
            using var model = new GpuCharLstm(_device, V, E, H, B, T, seed: 9);
            return Enumerable.Range(1, 3).Select(k => { var (x, y) = Batch(k); return model.TrainStep(x, y).Loss; }).ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void ComputeGradients_IdOutsideVocabulary_ThrowsNamingPosition()
    {
        using var model = new GpuCharLstm(_device, V, E, H, B, T, seed: 1);
        var (inputs, targets) = Batch(1);
        inputs[T + 2] = V;

        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradients(inputs, targets));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("[1, 2]", error.Message);
    }
}
