using DeepNlp.Data;
using System.Diagnostics;
using System.Globalization;
using DeepNlp.Bench.Neural;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Transformer;

/// <summary><c>transformer converge [--minutes M]</c>: the char Transformer and the kit's char-LSTM each train for M minutes
/// (default 10) of wall time on tinyshakespeare (first 90% train, last 10% validation); prints both validation losses.</summary>
/// <remarks>The LSTM is <c>neural converge</c>'s configuration (emb 64, hidden 384, seq 100, batch 32, Adam 2e-3 ×0.7 every
/// 1,000 steps, clip 5), its validation carrying the state across windows. The Transformer is the throughput benchmark's
/// (E 128, 4 heads, 2 blocks, FF 512, T 128, batch 32) with Adam 2e-3 after a 100-step linear warm-up, clip 1; its
/// validation uses independent 128-character windows. Both budgets include their validation passes. The budget is the
/// same wall clock for both, with the same threads (<see cref="Ops.MaxThreads"/> = cores); the process CPU seconds each
/// model used are printed too, since on a shared machine two windows of equal wall time can get unequal CPU.</remarks>
internal static class TransformerConverge
{
    public static int Run(string[] args)
    {
        int minutes = NeuralSuite.ArgInt(args, "--minutes", 10);
        int seconds = NeuralSuite.ArgInt(args, "--seconds", minutes * 60);
        Ops.MaxThreads = Environment.ProcessorCount;
        var text = File.ReadAllText(DataPath.TinyShakespeare());
        var (ids, vocab) = CharIds.Encode(text);
        int split = ids.Length * 9 / 10;
        var train = ids[..split]; var valid = ids[split..];
        Console.WriteLine($"transformer converge: {seconds} s of wall time per model, {Environment.ProcessorCount} cores; train {train.Length:N0} / valid {valid.Length:N0} chars.");
        var (transformer, tWall, tCpu) = Measured(() => TrainTransformer(vocab, train, valid, seconds));
        var (lstm, lWall, lCpu) = Measured(() => TrainLstm(vocab, train, valid, seconds));
        // Both budgets are the same wall clock with the same threads; on a shared machine the two windows can get different
        // shares of the CPU, so the process CPU time each model used is printed beside it.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"budget used: Transformer {tWall:F0} s wall, {tCpu:F0} s CPU; LSTM {lWall:F0} s wall, {lCpu:F0} s CPU (load average now {LoadAverage()})."));
        string verdict = transformer <= lstm
            ? "the Transformer is at least as low."
            : string.Create(CultureInfo.InvariantCulture, $"the Transformer misses by {transformer - lstm:F4}.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT after {seconds} s each: char Transformer {transformer:F4} vs char-LSTM {lstm:F4} nats/char (validation); ") + verdict);
        return 0;
    }

    private static double TrainTransformer(int vocab, int[] train, int[] valid, int seconds)
    {
        const int Batch = 32, Seq = 128, Warmup = 100;
        const double Rate = 2e-3;
        var model = new TransformerLanguageModel<float>(new TransformerConfig(vocab, 128, 4, 2, 512, Seq), seed: 1);
        var adam = new Adam<float>(model.Parameters, Rate);
        var batches = new StreamBatches(train, Batch, Seq);
        var inputs = new int[Batch * Seq]; var targets = new int[Batch * Seq];
        var clock = Stopwatch.StartNew();
        double best = double.PositiveInfinity, trainLoss = 0;
        int step = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            batches.Fill(step, inputs, targets);
            adam.LearningRate = Rate * Math.Min(1.0, (step + 1.0) / Warmup);
            adam.ZeroGrad();
            var r = model.Forward(inputs, targets, Batch, Seq);
            model.Backward(r.Count);
            GradientClipping.ClipByGlobalNorm(model.Parameters, 1.0);
            adam.Step();
            trainLoss = 0.9 * trainLoss + 0.1 * r.Mean;
            step++;
            if (step % 200 == 0) best = Math.Min(best, Report("transformer", model.Evaluate(valid, Batch, Seq).Mean, step, trainLoss, clock));
        }
        return Math.Min(best, Report("transformer", model.Evaluate(valid, Batch, Seq).Mean, step, trainLoss, clock));
    }

    private static double TrainLstm(int vocab, int[] train, int[] valid, int seconds)
    {
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(vocab, 64, 384, 1, CellKind.Lstm), seed: 1);
        var options = new TrainingOptions
        {
            Batch = 32, SequenceLength = 100, Steps = 1_000_000, LearningRate = 2e-3, ClipNorm = 5, EvaluateEvery = 200,
            ValidationTokens = 0, ReportEvery = 200, TimeLimit = TimeSpan.FromSeconds(seconds),
            Schedule = LearningRateSchedule.StepDecay(2e-3, 1000, 0.7),
        };
        var run = Trainer.Fit(model, train, valid, options,
            new SyncProgress<TrainingProgress>(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lstm {p.Elapsed:mm\\:ss} {p}"))));
        double final = model.Evaluate(valid).Mean;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lstm final: step {run.FinalStep}, validation {final:F4}, best {Math.Min(final, run.BestValidationLoss):F4}"));
        return Math.Min(final, run.BestValidationLoss);
    }

    // The result of a training run with the wall and process CPU seconds it took (final evaluations included).
    private static (double Loss, double Wall, double Cpu) Measured(Func<double> train)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        double loss = train();
        return (loss, wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static double Report(string name, double validation, int step, double trainLoss, Stopwatch clock)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name} {clock.Elapsed:mm\\:ss} step {step}: train {trainLoss:F4}, validation {validation:F4} ({step * 32.0 * 128 / clock.Elapsed.TotalSeconds:F0} chars/s)"));
        return validation;
    }
}
