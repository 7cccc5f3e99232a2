using DeepNlp.Gpu;
using DeepNlp.Layers;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Gpu;

/// <summary>The GPU kernels and model against the library's CPU layers (float32), not only against the scalar twins.</summary>
[Collection("Gpu")]
public sealed class GpuMatchesCpuLayersTests(GpuFixture fixture)
{
    private const int V = 9, E = 4, H = 6, B = 3, T = 4;
    private readonly GpuDevice _device = fixture.Device;

    [Fact]
    public void Gemm_MatchesOpsGemm_LinearLayerShapes()
    {
        const int m = 23, n = 17, k = 29;
        var x = Reference.Random(m * k, 60);
        var w = Reference.Random(n * k, 61);
        var cpu = new float[m * n];
        using var dx = _device.Upload<float>(x);
        using var dw = _device.Upload<float>(w);
        using var dy = _device.Allocate<float>(m * n);

        Ops.Gemm(x, w, cpu, m, n, k, transposeB: true);
        _device.Ops.Gemm(dx, dw, dy, new GemmShape(m, n, k, false, true, 1f, 0f));

        Reference.AssertClose(cpu, dy.ToArray(), 1e-5, "x·Wᵀ");
    }

    [Fact]
    public void CharLstm_TwoBatches_LossAndGradientsMatchCpuLayers()
    {
        var rng = new Random(5);
        var embedding = new Embedding<float>("emb", V, E, rng);
        var lstm = new Lstm<float>("lstm", E, H, rng);
        var decoder = new Linear<float>("out", H, V, rng);
        var softmax = new SoftmaxCrossEntropy<float>();
        using var model = new GpuCharLstm(_device, V, E, H, B, T, seed: 0);
        model.SetWeights(new GpuCharLstmWeights(embedding.Weight.Value, lstm.W_ih.Value, lstm.W_hh.Value, lstm.b_ih.Value,
            lstm.b_hh.Value, decoder.W.Value, decoder.B!.Value));
        float[] h0 = [], c0 = [];

        for (int batch = 0; batch < 2; batch++)
        {
            // Batch-major ids for the GPU model, time-major for the CPU layers.
            var inputs = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
            var targets = Enumerable.Range(0, B * T).Select(_ => rng.Next(V)).ToArray();
            int[] TimeMajor(int[] ids) => Enumerable.Range(0, B * T).Select(r => ids[(r % B) * T + r / B]).ToArray();
            var xIds = TimeMajor(inputs);
            var yIds = TimeMajor(targets);

            double gpuLoss = model.ComputeGradients(inputs, targets);

            foreach (var p in embedding.Parameters.Concat(lstm.Parameters).Concat(decoder.Parameters)) p.ZeroGrad();
            var x = new float[T * B * E];
            embedding.Forward(xIds, x);
            var cache = lstm.Forward(x, T, B, h0, c0);
            var hs = cache.Output.ToArray();
            var logits = new float[T * B * V];
            decoder.Forward(hs, logits);
            var ce = softmax.Forward(logits, yIds, V);
            var dLogits = new float[logits.Length];
            softmax.Backward(dLogits, 1f / (B * T));
            var dh = new float[hs.Length];
            decoder.Backward(hs, dLogits, dh);
            var dx = new float[x.Length];
            lstm.Backward(cache, dh, [], [], dx, [], []);
            embedding.Backward(xIds, dx);

            Assert.True(Math.Abs(gpuLoss - ce.Mean) < 1e-5, $"batch {batch}: GPU loss {gpuLoss} vs CPU {ce.Mean}");
            var g = model.GetGradients();
            Reference.AssertClose(embedding.Weight.Grad, g.Embedding, 1e-4, "embedding");
            Reference.AssertClose(lstm.W_ih.Grad, g.WeightIh, 1e-4, "W_ih");
            Reference.AssertClose(lstm.W_hh.Grad, g.WeightHh, 1e-4, "W_hh");
            Reference.AssertClose(lstm.b_ih.Grad, g.BiasIh, 1e-4, "b_ih");
            Reference.AssertClose(lstm.b_hh.Grad, g.BiasHh, 1e-4, "b_hh");
            Reference.AssertClose(decoder.W.Grad, g.WeightOut, 1e-4, "W_out");
            Reference.AssertClose(decoder.B!.Grad, g.BiasOut, 1e-4, "b_out");
            (h0, c0) = (cache.HiddenAt(T), cache.CellAt(T));
        }
    }
}
