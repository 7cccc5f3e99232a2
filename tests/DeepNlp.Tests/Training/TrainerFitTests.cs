using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Training;

/// <summary>Trainer.Fit on models other than the recurrent LM: the contract ITrainableModel is all it needs.</summary>
public class TrainerFitTests
{
    private const int Vocabulary = 12, Classes = 3, Radius = 1;

    /// <summary>Batch of a step: 16 windows whose class is the centre id mod 3, drawn from a generator seeded by the step
    /// (a pure function of the step, so a resumed run sees the same data).</summary>
    private static WindowBatch BatchAt(int step, bool flipped = false)
    {
        var rng = new Random(HashCode.Combine(17, step));
        int w = 2 * Radius + 1;
        var windows = new int[16 * w]; var labels = new int[16];
        for (int i = 0; i < 16; i++)
        {
            for (int k = 0; k < w; k++) windows[i * w + k] = rng.Next(Vocabulary);
            labels[i] = (windows[i * w + Radius] + (flipped ? 1 : 0)) % Classes;
        }
        return new WindowBatch(windows, labels);
    }

    private static WindowClassifier<double> NewModel(int seed = 5) => new(Vocabulary, Classes, Radius, embeddingSize: 6, hiddenSize: 10, seed);

    private static TrainingOptions Options(int steps, string? checkpoint = null) => new()
    {
        Steps = steps, LearningRate = 2e-2, ClipNorm = 5, ReportEvery = 5, EvaluateEvery = 5,
        CheckpointPath = checkpoint, CheckpointEvery = checkpoint is null ? 0 : 10,
    };

    [Fact]
    public void Fit_WindowClassifier_LossFallsBelowAQuarterOfUniform()
    {
        var model = NewModel();
        var validation = Enumerable.Range(1000, 4).Select(s => BatchAt(s)).ToList();
        double before = Trainer.Evaluate(model, validation).Mean;

        var run = Trainer.Fit(model, s => BatchAt(s), validation, Options(steps: 150));

        Assert.Equal(Math.Log(Classes), before, 0.3);
        Assert.True(run.BestValidationLoss < 0.25 * Math.Log(Classes), run.ToString());
        Assert.Equal(150, run.FinalStep);
        Assert.Equal(30, run.Validation.Count);
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalParameters()
    {
        var a = NewModel(); var b = NewModel();

        var runA = Trainer.Fit(a, s => BatchAt(s), null, Options(steps: 20));
        var runB = Trainer.Fit(b, s => BatchAt(s), null, Options(steps: 20));

        Assert.Equal(runA.StepLosses, runB.StepLosses);
        Assert.All(a.Parameters.Zip(b.Parameters), p => Assert.Equal(p.First.Value, p.Second.Value));
    }

    [Fact]
    public void Fit_ValidationGettingWorse_StopsAfterPatienceEvaluations()
    {
        var model = NewModel();
        var flipped = Enumerable.Range(1000, 4).Select(s => BatchAt(s, flipped: true)).ToList();   // learning the rule makes these worse

        var run = Trainer.Fit(model, s => BatchAt(s), flipped, Options(steps: 300) with { Patience = 3 });

        Assert.True(run.StoppedEarly);
        Assert.True(run.FinalStep < 300, $"ran {run.FinalStep} steps");
        Assert.Equal(run.FinalStep, run.Validation[^1].Step);
        Assert.Equal(run.Validation.Min(v => v.Loss), run.BestValidationLoss);
    }

    [Fact]
    public void ResumeFromCheckpoint_GivesTheParametersOfAnUninterruptedRun()
    {
        var dir = Directory.CreateTempSubdirectory("fit");
        var path = Path.Combine(dir.FullName, "window.ckpt");
        var uninterrupted = NewModel();
        Trainer.Fit(uninterrupted, s => BatchAt(s), null, Options(steps: 30));

        Trainer.Fit(NewModel(), s => BatchAt(s), null, Options(steps: 10, checkpoint: path));
        var resumed = NewModel(seed: 99);
        var run = Trainer.Fit(resumed, s => BatchAt(s), null, Options(steps: 30), resumeFrom: Checkpoint.Load(path));

        Assert.Equal(10, run.StartStep);
        Assert.Equal(20, run.StepLosses.Count);
        Assert.All(uninterrupted.Parameters.Zip(resumed.Parameters), p => Assert.Equal(p.First.Value, p.Second.Value));
        Assert.Equal("WindowClassifier", Checkpoint.Load(path).Header.ModelKind);
        dir.Delete(recursive: true);
    }

    [Fact]
    public void Fit_BatchList_IsReadInOrderAndCycled()
    {
        var batches = Enumerable.Range(0, 3).Select(s => BatchAt(s)).ToList();
        var seen = new List<int>();
        var spy = new SpyModel(NewModel(), batch => seen.Add(batches.IndexOf(batch)));

        Trainer.Fit(spy, batches, options: Options(steps: 7));

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], seen);
    }

    [Fact]
    public void Fit_SequenceTagger_ReducesLoss()
    {
        // Tag = word id mod 2: a tagger must learn it from the embeddings.
        var tagger = new SequenceTagger<float>(10, 2, embeddingSize: 8, hiddenSize: 8, seed: 1, cell: CellKind.Gru, bidirectional: false);
        SequenceBatch At(int step)
        {
            var rng = new Random(step);
            var words = Enumerable.Range(0, 8).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, 5).Select(_ => 1 + rng.Next(9)).ToArray()).ToList();
            return new SequenceBatch(words, [.. words.Select(s => (IReadOnlyList<int>)s.Select(w => w % 2).ToArray())]);
        }

        var run = Trainer.Fit(tagger, At, null, Options(steps: 80) with { LearningRate = 1e-2 });

        Assert.True(run.StepLosses.Skip(70).Average() < 0.5 * run.StepLosses.Take(5).Average(), run.ToString());
    }

    [Fact]
    public void ConsoleProgressBar_WritesOneLinePerReport_WhenNotInPlace()
    {
        var writer = new StringWriter();
        var bar = new ConsoleProgressBar(writer, width: 10);

        bar.Report(new TrainingProgress(5, 20, 1.25, 300, null, 1e-3, 1, TimeSpan.Zero));
        bar.Report(new TrainingProgress(20, 20, 0.5, 300, 0.75, 1e-3, 1, TimeSpan.Zero));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["[##........] step 5/20  loss 1.2500  300 tok/s", "[##########] step 20/20  loss 0.5000  valid 0.7500  300 tok/s"], lines);
    }

    /// <summary>A model that records which batch each training step reads and delegates the rest.</summary>
    private sealed class SpyModel(WindowClassifier<double> inner, Action<WindowBatch> onTrainingBatch) : ITrainableModel<double, WindowBatch>
    {
        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public CrossEntropyResult Loss(WindowBatch batch, bool training)
        {
            if (training) onTrainingBatch(batch);
            return inner.Loss(batch, training);
        }

        public void Backward(int count) => inner.Backward(count);
    }
}
