using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class AttentionEncoderDecoderTests
{
    private static readonly IReadOnlyList<int>[] Sources = [[1, 2, 3], [4, 5], [6]];
    private static readonly IReadOnlyList<int>[] Targets = [[1, 3, 4, 2], [1, 5, 2], [1, 4, 4, 3, 2]];

    [Theory]
    [InlineData(AttentionKind.Additive, CellKind.Lstm, 1, false)]
    [InlineData(AttentionKind.General, CellKind.Lstm, 1, false)]
    [InlineData(AttentionKind.General, CellKind.Gru, 1, false)]
    [InlineData(AttentionKind.Dot, CellKind.Lstm, 2, false)]
    [InlineData(AttentionKind.Additive, CellKind.Gru, 1, true)]
    [InlineData(AttentionKind.Additive, CellKind.Lstm, 1, true)]
    [InlineData(AttentionKind.Additive, CellKind.Gru, 2, true)]
    [InlineData(AttentionKind.General, CellKind.Gru, 1, true)]
    public void Backward_MatchesCentralDifferences_Float64(AttentionKind attention, CellKind cell, int layers, bool bidirectional)
    {
        var model = new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5, attention, layers, cell, bidirectional: bidirectional);
        foreach (var p in model.Attention.Parameters)
            for (int i = 0; i < p.Length; i++) p.Value[i] *= 20;                 // sharper attention: gradients well above rounding noise

        var result = GradientCheck.Run(model.Parameters, () => model.Forward(Sources, Targets).Sum,
            () => { model.Forward(Sources, Targets); model.Backward(1); });

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.All(result.Parameters.Where(p => p.Name.StartsWith("att") || p.Name.StartsWith("enc") || p.Name.StartsWith("src") || p.Name.StartsWith("bridge")),
            p => Assert.True(p.AnalyticNorm > 0, p.Name));
        Assert.Equal(bidirectional, result.Parameters.Any(p => p.Name.StartsWith("enc_reverse")) && result.Parameters.Any(p => p.Name.StartsWith("bridge")));
    }

    [Fact]
    public void Bidirectional_AnnotationsAre2HWide_AndDotAttentionIsRefused()
    {
        var model = new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5, bidirectional: true);

        model.Forward(Sources, Targets, training: false);

        Assert.Equal(3 * 4, model.Combine.InputSize);                     // W_c reads [c_t (2H) ; s_t (H)]
        Assert.Equal(4, model.Bridge!.InputSize);
        Assert.Throws<ArgumentException>(() => new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5, AttentionKind.Dot, bidirectional: true));
    }

    [Fact]
    public void Bidirectional_TrainsThroughTrainerFit_SameSeedSameResult()
    {
        var batches = new[] { new SequenceBatch(Sources, Targets) };
        var options = new TrainingOptions { Steps = 6, LearningRate = 0.01, EvaluateEvery = 0, ReportEvery = 0, Seed = 3 };

        double[] Run()
        {
            var model = new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5, layers: 2, dropout: 0.3, bidirectional: true);
            var run = Trainer.Fit(model, batches, options: options);
            return [.. run.StepLosses, .. model.Parameters.SelectMany(p => p.Value)];
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first, second);
        Assert.True(first[5] < first[0], $"loss {first[0]} → {first[5]}");
    }

    [Fact]
    public void Forward_PaddedSourcePositionsGetZeroAttention_AndRowsSumToOne()
    {
        var model = new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5);

        model.Forward(Sources, Targets, training: false);

        var w = model.AttentionWeights.ToArray();                    // [3 sources, 4 target steps, 3 source steps], left-padded
        for (int r = 0; r < 12; r++) Assert.Equal(1.0, w.AsSpan(r * 3, 3).ToArray().Sum(), 12);
        for (int t = 0; t < 4; t++)
        {
            Assert.Equal(0.0, w[(1 * 4 + t) * 3]);                     // source 1 has 2 tokens: position 0 pads
            Assert.Equal([0.0, 0.0], w.AsSpan((2 * 4 + t) * 3, 2).ToArray());   // source 2 has 1 token
        }
    }

    [Fact]
    public void Align_EqualsTheWeightsOfTheBatchedForward()
    {
        var model = new AttentionEncoderDecoder<double>(7, 6, 3, 4, seed: 5, AttentionKind.General);
        model.Forward(Sources, Targets, training: false);
        var batched = model.AttentionWeights.ToArray();

        var single = model.Align(Sources[0], Targets[0]);

        for (int t = 0; t < 3; t++)
            for (int j = 0; j < 3; j++) Assert.Equal(batched[t * 3 + j], single[t][j], 12);
    }

    [Fact]
    public void GreedyDecode_LearnsToReverse_AndAgreesWithStepwiseDecodingAndBeamOne()
    {
        var model = new AttentionEncoderDecoder<float>(8, 8, 8, 32, seed: 1);
        var opt = new Adam<float>(model.Parameters, 0.03);
        var rng = new Random(2);
        const int Bos = 1, Eos = 2;
        var src = Enumerable.Range(0, 32).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, rng.Next(2, 5)).Select(_ => rng.Next(3, 8)).ToArray()).ToArray();
        var tgt = src.Select(s => (IReadOnlyList<int>)new[] { Bos }.Concat(s.Reverse()).Append(Eos).ToArray()).ToArray();

        for (int step = 0; step < 150; step++)
        {
            opt.ZeroGrad();
            model.Backward(model.Forward(src, tgt).Count);
            opt.Step();
        }
        var batched = model.GreedyDecode(src, Bos, Eos, maxLength: 6);
        var stepwise = Samplers.Greedy(model.Conditioned(src[0]), [Bos], 6, stopToken: Eos);
        var beam = BeamSearch.Best(model.Conditioned(src[0]), Bos, Eos, width: 1, maxLength: 6);

        Assert.True(batched.Zip(tgt).Count(p => p.First.SequenceEqual(p.Second.Skip(1).SkipLast(1))) >= 30, "fewer than 30 of 32 reversed");
        Assert.Equal([.. batched[0], Eos], stepwise);
        Assert.Equal(batched[0], beam.Tokens);
    }
}
