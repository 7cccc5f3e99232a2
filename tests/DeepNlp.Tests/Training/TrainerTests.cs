using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Training;

public class TrainerTests
{
    private static int[] Stream(int n, int vocab, int seed)
    {
        // A learnable stream: mostly counting modulo vocab, with noise.
        var rng = new Random(seed);
        var s = new int[n];
        for (int i = 1; i < n; i++) s[i] = rng.NextDouble() < 0.1 ? rng.Next(vocab) : (s[i - 1] + 1) % vocab;
        return s;
    }

    private static TrainingOptions Options(string? checkpoint = null, int steps = 12) => new()
    {
        Batch = 4, SequenceLength = 8, Steps = steps, LearningRate = 1e-2, EvaluateEvery = 5, ReportEvery = 2,
        CheckpointPath = checkpoint, CheckpointEvery = 6, Seed = 3,
    };

    [Fact]
    public void Fit_LearnsACountingStream_LossFallsBelowHalfOfUniform()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 8, 32, 1, CellKind.Lstm), seed: 1);
        var reports = new List<TrainingProgress>();

        var run = Trainer.Fit(model, Stream(4000, 10, 1), Stream(800, 10, 2), Options(steps: 150),
            new SyncProgress<TrainingProgress>(reports.Add));

        Assert.True(run.BestValidationLoss < 0.5 * Math.Log(10), run.ToString());
        Assert.Equal(run.Reports.Count, reports.Count);
        Assert.Equal(150, run.FinalStep);
    }

    [Fact]
    public void ResumeFromCheckpoint_ReproducesLossesExactly()
    {
        var dir = Directory.CreateTempSubdirectory("ckpt");
        var path = Path.Combine(dir.FullName, "run.ckpt");
        var config = new LanguageModelConfig(10, 6, 12, 2, CellKind.Lstm, Dropout: 0.2);
        var train = Stream(3000, 10, 4); var valid = Stream(600, 10, 5);

        var full = Trainer.Fit(new RecurrentLanguageModel<float>(config, 9), train, valid, Options(steps: 12));
        Trainer.Fit(new RecurrentLanguageModel<float>(config, 9), train, valid, Options(path, steps: 6));
        var resumed = Trainer.Fit(new RecurrentLanguageModel<float>(config, 123), train, valid, Options(steps: 12),
            resumeFrom: Checkpoint.Load(path));

        Assert.Equal(6, resumed.StartStep);
        Assert.Equal(full.StepLosses.Skip(6), resumed.StepLosses);
        dir.Delete(recursive: true);
    }

    [Fact]
    public void Checkpoint_WithWrongShape_ThrowsNamingTheTensor()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ckpt").FullName, "a.ckpt");
        var small = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 6, 12), 1);
        Trainer.SaveCheckpoint(path, small, new Adam<float>(small.Parameters), new CheckpointHeader { Vocabulary = ["a", "b"] });
        var big = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 6, 16), 1);

        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path).RestoreParameters(big.Parameters));

        Assert.Contains("lstm0.W_ih", e.Message);
        Assert.Equal(["a", "b"], Checkpoint.Load(path).Header.Vocabulary);
    }

    [Fact]
    public void Fit_NaNWeight_ThrowsNamingTheStep()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 4, 8, 1, CellKind.Rnn), seed: 1);
        model.Output.W.Value[5] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Fit(model, Stream(2000, 10, 1), [], Options() with { ClipNorm = null }));

        Assert.Equal(0, e.Step);
        Assert.Contains("step 0", e.Message);
    }

    [Fact]
    public void CheckFinite_InfiniteGradient_NamesParameterAndLayer()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 4, 8, 2, CellKind.Lstm), seed: 1);
        model.Recurrent.Cells[1].Parameters[1].Grad[7] = float.PositiveInfinity;

        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.CheckFinite(42, model.Parameters));

        Assert.Equal("lstm1.W_hh", e.Parameter);
        Assert.Equal("lstm1", e.Layer);
        Assert.Contains("step 42", e.Message);
        Assert.Contains("element 7", e.Message);
    }

    [Fact]
    public void GeneralK1K2_TrainsAndScoresOnlyTheNewestK1Steps()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 6, 16, 1, CellKind.Gru), seed: 2);

        var run = Trainer.Fit(model, Stream(3000, 10, 7), Stream(600, 10, 8),
            Options(steps: 60) with { BackpropLength = 20 });

        Assert.Equal(60, run.StepLosses.Count);
        Assert.True(run.StepLosses.Skip(50).Average() < run.StepLosses.Take(5).Average());
    }

    [Fact]
    public void Fit_SameSeed_GivesSameLosses()
    {
        var config = new LanguageModelConfig(10, 6, 12, 2, CellKind.Gru, Dropout: 0.3);
        var train = Stream(2000, 10, 1);

        var a = Trainer.Fit(new RecurrentLanguageModel<float>(config, 4), train, [], Options());
        var b = Trainer.Fit(new RecurrentLanguageModel<float>(config, 4), train, [], Options());

        Assert.Equal(a.StepLosses, b.StepLosses);
    }

    [Fact]
    public void Fit_ValidationGettingWorse_StopsEarlyAfterPatience()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 6, 16, 1, CellKind.Lstm), seed: 1);
        var countingUp = Stream(3000, 10, 1);
        var countingDown = countingUp.Select(x => (10 - x) % 10).ToArray();   // what training learns makes this worse

        var run = Trainer.Fit(model, countingUp, countingDown,
            Options(steps: 200) with { LearningRate = 2e-2, EvaluateEvery = 10, Patience = 2 });

        Assert.True(run.StoppedEarly);
        Assert.True(run.FinalStep < 200, $"ran {run.FinalStep} steps");
        Assert.Equal(run.Validation.Min(v => v.Loss), run.BestValidationLoss);
    }

    [Fact]
    public void Fit_TrackGradientNorms_RecordsEveryParameterAtEveryReport()
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(10, 4, 8, 1, CellKind.Gru), seed: 1);

        var run = Trainer.Fit(model, Stream(2000, 10, 1), [], Options(steps: 8) with { TrackGradientNorms = true });

        Assert.Equal(model.Parameters.Select(p => p.Name), run.GradientNorms.Keys);
        Assert.All(run.GradientNorms.Values, list => Assert.Equal(run.Reports.Count, list.Count));
        Assert.All(run.GradientNorms.Values, list => Assert.All(list, g => Assert.True(g > 0)));
    }
}
