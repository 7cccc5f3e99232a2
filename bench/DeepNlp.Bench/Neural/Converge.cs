using System.Globalization;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Neural;

/// <summary><c>neural converge</c>: trains a char-LSTM on tinyshakespeare (first 90% train, last 10% validation) until the
/// validation loss reaches 1.50 nats/char or the time limit (default 10 minutes) passes.</summary>
internal static class Converge
{
    public static int Run(string[] args)
    {
        int minutes = NeuralSuite.ArgInt(args, "--minutes", 10);
        int hidden = NeuralSuite.ArgInt(args, "--hidden", 384);
        int layers = NeuralSuite.ArgInt(args, "--layers", 1);
        const double Target = 1.50;
        Ops.MaxThreads = 2;
        var text = File.ReadAllText(DataPath.TinyShakespeare());
        var (ids, vocab) = CharIds.Encode(text);
        int split = ids.Length * 9 / 10;
        var train = ids[..split]; var valid = ids[split..];
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(vocab, 64, hidden, layers, CellKind.Lstm), seed: 1);
        var options = new TrainingOptions
        {
            Batch = 32, SequenceLength = 100, Steps = 100_000, LearningRate = 2e-3, ClipNorm = 5, EvaluateEvery = 100,
            ValidationTokens = 0, ReportEvery = 100, TimeLimit = TimeSpan.FromMinutes(minutes),
            Schedule = LearningRateSchedule.StepDecay(2e-3, 1000, 0.7),
        };
        Console.WriteLine($"converge: char-LSTM emb 64, hidden {hidden} x{layers}, seq 100, batch 32, Adam 2e-3 (x0.7 every 1000 steps), clip 5; " +
                          $"train {train.Length:N0} / valid {valid.Length:N0} chars; target {Target} nats/char within {minutes} min.");
        var run = Trainer.Fit(model, train, valid, options with { TargetValidationLoss = Target },
            new SyncProgress<TrainingProgress>(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Elapsed:mm\\:ss} {p}"))));
        var hit = run.Validation.FirstOrDefault(v => v.Loss <= Target);
        var when = run.Reports.FirstOrDefault(r => r.Step == hit.Step)?.Elapsed.TotalSeconds ?? 0;
        Console.WriteLine(hit.Step > 0
            ? string.Create(CultureInfo.InvariantCulture, $"REACHED validation loss {hit.Loss:F4} <= {Target} at step {hit.Step} after {when:F0} s ({run.TokensPerSecond:F0} chars/s).")
            : string.Create(CultureInfo.InvariantCulture, $"NOT reached: best validation loss {run.BestValidationLoss:F4} after {run.FinalStep} steps in {minutes} min."));
        return hit.Step > 0 ? 0 : 1;
    }
}
