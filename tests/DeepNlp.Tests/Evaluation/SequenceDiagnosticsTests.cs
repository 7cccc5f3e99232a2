using DeepNlp.Evaluation;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace DeepNlp.Tests.Evaluation;

public class SequenceDiagnosticsTests
{
    [Fact]
    public void StepJacobianNorms_ForElmanRnn_EqualDiagTimesWhh()
    {
        var rnn = new Rnn<double>("rnn", 3, 5, new Random(2));
        var x = Enumerable.Range(0, 4 * 2 * 3).Select(i => Math.Sin(i * 0.7)).ToArray();

        var norms = SequenceDiagnostics.StepJacobianNorms<double>(rnn, x, 4, 2);

        var cache = rnn.Forward(x, 4, 2, default, default);
        var W = Matrix<double>.Build.Dense(5, 5, (i, j) => rnn.W_hh.Value[i * 5 + j]);
        for (int t = 1; t <= 4; t++)
        {
            var h = cache.HiddenAt(t);
            var J = Matrix<double>.Build.DiagonalOfDiagonalArray([.. Enumerable.Range(0, 5).Select(i => 1 - h[i] * h[i])]) * W;
            Assert.Equal(J.L2Norm(), norms[t - 1], 10);
        }
    }

    [Fact]
    public void HiddenGradientNorms_SmallRecurrentWeights_VanishTowardsTheStart()
    {
        var model = new RecurrentLanguageModel<double>(new LanguageModelConfig(8, 4, 6, 1, CellKind.Rnn), seed: 1);
        var whh = ((Rnn<double>)model.Recurrent.Cells[0]).W_hh;
        Ops.Scale<double>(whh.Value, 0.3, whh.Value);
        int[] inputs = [.. Enumerable.Range(0, 12).Select(i => i % 8)];
        int[] targets = [.. Enumerable.Range(1, 12).Select(i => i % 8)];
        model.Parameters[0].Grad[0] = 42;

        var norms = SequenceDiagnostics.HiddenGradientNorms(model, inputs, targets, 1, 12);

        Assert.Equal(12, norms.Length);
        for (int t = 1; t < 12; t++) Assert.True(norms[t - 1] < norms[t], $"norm at {t} not below norm at {t + 1}");
        Assert.True(norms[0] < 1e-3 * norms[11]);
        Assert.Equal(42, model.Parameters[0].Grad[0]);
    }

    [Fact]
    public void Gates_LargeForgetBias_ForgetGateSaturatesOpen()
    {
        var lstm = new Lstm<float>("l", 3, 8, new Random(1), forgetBias: 20);
        var cache = lstm.Forward(new float[5 * 2 * 3], 5, 2, default, default);

        var stats = SequenceDiagnostics.Gates(cache);

        Assert.Equal(["i", "f", "g", "o"], stats.Select(s => s.Gate));
        Assert.Equal(1.0, stats[1].FractionAbove90);
        Assert.Equal(0.0, stats[1].FractionBelow10);
        Assert.Equal(5 * 2 * 8, stats[1].Histogram.Sum());
    }

    [Fact]
    public void SpectralNorm_OfOrthogonalWeight_IsTheGain()
    {
        var p = new Parameter<double>("W", 6, 6);
        Init.Orthogonal<double>(p.Value, 6, 6, new Random(3), gain: 1.7);

        Assert.Equal(1.7, SequenceDiagnostics.SpectralNorm(p), 10);
    }
}
