using DeepNlp.Gpu;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Training;

namespace DeepNlp.Tests.Gpu;

/// <summary>The whole GPU training step against the library's CPU language model, clipping and Adam.</summary>
[Collection("Gpu")]
public sealed class GpuMatchesCpuTrainingTests(GpuFixture fixture)
{
    private const int V = 11, E = 5, H = 7, B = 3, T = 6;

    [Fact]
    public void TrainStep_ThreeStepsWithCarriedState_MatchesRecurrentLanguageModelWithClipAndAdam()
    {
        var cpu = new RecurrentLanguageModel<float>(new LanguageModelConfig(V, EmbeddingSize: E, HiddenSize: H, Layers: 1, Cell: CellKind.Lstm), seed: 3);
        var p = cpu.Parameters;
        using var gpu = new GpuCharLstm(fixture.Device, V, E, H, B, T, seed: 0);
        gpu.SetWeights(new GpuCharLstmWeights(p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value, p[5].Value, p[6].Value));
        var adam = new Adam<float>(p, learningRate: 0.01);
        var rng = new Random(8);
        RecurrentState<float>? state = null;

        for (int step = 1; step <= 3; step++)
        {
            var inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
            var targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();

            var result = gpu.TrainStep(inputs, targets, learningRate: 0.01f, maxNorm: 0.5f);

            adam.ZeroGrad();
            var ce = cpu.Forward(inputs, targets, B, T, state);
            cpu.Backward(ce.Count);
            double norm = GradientClipping.ClipByGlobalNorm(p, 0.5);
            adam.Step();
            state = cpu.FinalState;
            Assert.True(Math.Abs(result.Loss - ce.Mean) < 1e-5, $"step {step}: GPU loss {result.Loss} vs CPU {ce.Mean}");
            Assert.True(Math.Abs(result.GradientNorm - norm) < 1e-4 * Math.Max(1, norm), $"step {step}: GPU norm {result.GradientNorm} vs CPU {norm}");
        }

        var final = gpu.GetWeights().All;
        for (int k = 0; k < p.Count; k++)
            Reference.AssertClose(p[k].Value, final[k], 1e-4, p[k].Name);
    }
}
