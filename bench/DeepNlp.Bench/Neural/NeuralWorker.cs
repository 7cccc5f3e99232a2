using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Neural;

/// <summary>One timed measurement of the kit in its own process: <c>--worker kit CELL HIDDEN EMB SEQ BATCH STEPS WARMUP OPTIMIZER</c>.</summary>
internal static class NeuralWorker
{
    private const double WarmUpSeconds = 1.5;

    public static int Run(string[] args)
    {
        int w = Array.IndexOf(args, "--worker");
        var a = args[(w + 2)..];
        var cell = a[0] switch { "lstm" => CellKind.Lstm, "gru" => CellKind.Gru, _ => CellKind.Rnn };
        int hidden = int.Parse(a[1], CultureInfo.InvariantCulture), emb = int.Parse(a[2], CultureInfo.InvariantCulture);
        int seq = int.Parse(a[3], CultureInfo.InvariantCulture), batch = int.Parse(a[4], CultureInfo.InvariantCulture);
        int steps = int.Parse(a[5], CultureInfo.InvariantCulture), warmup = int.Parse(a[6], CultureInfo.InvariantCulture);
        bool adagrad = a[7] == "adagrad";
        Ops.MaxThreads = NeuralSuite.ArgInt(args, "--threads", 2);

        var text = File.ReadAllText(DataPath.TinyShakespeare());
        var (ids, vocab) = CharIds.Encode(text);
        // EMB = 0: one-hot inputs (min-char-rnn's model) instead of a trained embedding.
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(vocab, emb, hidden, 1, cell, OneHotInput: emb == 0), seed: 1);
        var batches = new StreamBatches(ids, batch, seq);
        Optimizer<float> opt = adagrad ? new Adagrad<float>(model.Parameters, 0.1) : new Adam<float>(model.Parameters, 2e-3);
        var inputs = new int[batch * seq]; var targets = new int[batch * seq];
        RecurrentState<float>? state = null;
        double loss = 0;
        var clock = new Stopwatch();
        TimeSpan cpuStart = TimeSpan.Zero;
        // Warm-up: the requested steps, and on until the tiered JIT has settled. .NET first runs methods unoptimised and
        // recompiles the hot ones in the background after ~100 ms; two fast steps end before that, and a short timed run
        // would then measure the JIT rather than the kit (torch, compiled ahead of time, is at full speed from step 1).
        var warm = Stopwatch.StartNew();
        for (int s = 0; s < warmup + steps; s++)
        {
            if (s == warmup && warm.Elapsed.TotalSeconds < WarmUpSeconds) warmup++;
            if (s == warmup) { clock.Start(); cpuStart = Process.GetCurrentProcess().TotalProcessorTime; }
            int window = s % batches.WindowsPerEpoch;
            if (window == 0) state = null;
            batches.Fill(window, inputs, targets);
            var r = model.Forward(inputs, targets, batch, seq, state);
            state = model.FinalState;
            opt.ZeroGrad();
            model.Backward(r.Count);
            if (adagrad) GradientClipping.ClipByValue(model.Parameters, 5);
            else GradientClipping.ClipByGlobalNorm(model.Parameters, 5);
            opt.Step();
            loss = r.Mean;
        }
        clock.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = "kit", ["cell"] = a[0], ["hidden"] = hidden, ["input"] = emb == 0 ? "one-hot" : $"embedding {emb}", ["warmup_steps"] = warmup,
            ["chars_per_s"] = steps * (double)seq * batch / clock.Elapsed.TotalSeconds,
            ["peak_rss_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            ["loss"] = loss,
            ["cpu_s"] = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds,
            ["chars_per_cpu_s"] = steps * (double)seq * batch / (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds,
            ["simd"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "avx512" : "avx2",
        }));
        return 0;
    }
}
