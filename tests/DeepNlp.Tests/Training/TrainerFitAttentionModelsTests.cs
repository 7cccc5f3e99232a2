using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Training;

namespace DeepNlp.Tests.Training;

/// <summary>The Transformer language model and the attention encoder–decoder keep the model contract, so Trainer.Fit
/// trains them as it trains the recurrent models: the loss falls, and the same seed gives the same run.</summary>
public class TrainerFitAttentionModelsTests
{
    private static TrainingOptions Options(int steps, double rate) => new()
    {
        Steps = steps, LearningRate = rate, ClipNorm = 1, ReportEvery = 10, EvaluateEvery = 0, Seed = 3,
    };

    /// <summary>A stream that repeats 0 1 2 … 7 with a twist (every third period reversed): predictable from context.</summary>
    private static int[] Stream(int length) =>
        [.. Enumerable.Range(0, length).Select(i => (i / 8) % 3 == 2 ? 7 - i % 8 : i % 8)];

    private static TransformerLanguageModel<float> NewTransformer() =>
        new(new TransformerConfig(8, 16, 2, 1, 32, 16), seed: 4);

    [Fact]
    public void Fit_TransformerLanguageModel_LossFallsToUnderHalfOfUniform()
    {
        var model = NewTransformer();
        var batches = new StreamBatches(Stream(4000), batch: 8, time: 16);

        var run = Trainer.Fit(model, batches, null, Options(steps: 120, rate: 1e-2));

        Assert.Equal(Math.Log(8), run.StepLosses.Take(3).Average(), 0.35);
        Assert.True(run.StepLosses.TakeLast(10).Average() < 0.5 * Math.Log(8), run.ToString());
    }

    [Fact]
    public void Fit_TransformerLanguageModel_SameSeedGivesIdenticalLossesAndWeights()
    {
        var a = NewTransformer(); var b = NewTransformer();
        var batches = new StreamBatches(Stream(2000), batch: 4, time: 16);

        var runA = Trainer.Fit(a, batches, null, Options(steps: 15, rate: 1e-2));
        var runB = Trainer.Fit(b, batches, null, Options(steps: 15, rate: 1e-2));

        Assert.Equal(runA.StepLosses, runB.StepLosses);
        Assert.All(a.Parameters.Zip(b.Parameters), p => Assert.Equal(p.First.Value, p.Second.Value));
    }

    [Fact]
    public void TransformerLoss_ScoresOnlyFromScoredFrom()
    {
        var model = NewTransformer();
        var ids = Stream(17);
        var full = LmBatch.Independent(ids[..16], ids[1..17], 1, 16);

        var all = model.Loss(full, training: true);
        var tail = model.Loss(full with { ScoredFrom = 10 }, training: true);

        Assert.Equal((16, 6), (all.Count, tail.Count));
    }

    /// <summary>Copy task: the target is the source between start (1) and end (2) symbols; ids 3..9 are words.</summary>
    private static SequenceBatch CopyBatch(int step)
    {
        var rng = new Random(HashCode.Combine(11, step));
        var sources = Enumerable.Range(0, 8).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, 4).Select(_ => 3 + rng.Next(7)).ToArray()).ToList();
        return new SequenceBatch(sources, [.. sources.Select(s => (IReadOnlyList<int>)[1, .. s, 2])]);
    }

    private static AttentionEncoderDecoder<float> NewSeq2Seq() =>
        new(10, 10, embeddingSize: 8, hiddenSize: 16, seed: 2, attention: AttentionKind.General, cell: CellKind.Gru);

    [Fact]
    public void Fit_AttentionEncoderDecoder_LossFallsBelowHalfOfItsStart()
    {
        var model = NewSeq2Seq();

        var run = Trainer.Fit(model, CopyBatch, null, Options(steps: 150, rate: 1e-2));

        Assert.True(run.StepLosses.TakeLast(10).Average() < 0.5 * run.StepLosses.Take(5).Average(), run.ToString());
    }

    [Fact]
    public void Fit_AttentionEncoderDecoder_SameSeedGivesIdenticalLossesAndWeights()
    {
        var a = NewSeq2Seq(); var b = NewSeq2Seq();

        var runA = Trainer.Fit(a, CopyBatch, null, Options(steps: 15, rate: 1e-2));
        var runB = Trainer.Fit(b, CopyBatch, null, Options(steps: 15, rate: 1e-2));

        Assert.Equal(runA.StepLosses, runB.StepLosses);
        Assert.All(a.Parameters.Zip(b.Parameters), p => Assert.Equal(p.First.Value, p.Second.Value));
    }
}
