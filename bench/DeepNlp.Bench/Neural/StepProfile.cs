using System.Diagnostics;
using System.Globalization;
using DeepNlp.Data;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Neural;

/// <summary>Where one training step of a recurrent language model spends its time: <c>neural profile CELL HIDDEN [--steps N]</c>
/// (embedding 64, sequence 100, batch 32, Adam, clip 5, as the throughput rows).</summary>
/// <remarks>
/// <c>--threads 1 --cpu</c> times the thread's CPU time instead of wall time: on a loaded machine, the figure that means something.
/// Runs <see cref="RecurrentLanguageModel{T}"/>'s Forward and Backward phase by phase through its public parts (embedding,
/// recurrent stack, output layer, softmax cross-entropy), in the order the model runs them, with a stopwatch between phases.
/// Each phase's wall time is summed over the timed steps (after the same warm-up as the worker), and printed per step with
/// its share and the matrix-product FLOP rate of the phases that are products. Wall time: on a loaded machine a phase that
/// forks over both cores waits for the slower one, so read the shares, not the milliseconds.
/// </remarks>
internal static partial class StepProfile
{
    // CLOCK_THREAD_CPUTIME_ID: this thread's CPU time, blind to other processes on the cores (with --threads 1 it is the whole step).
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec { public long Seconds, Nanoseconds; }

    private static long ThreadCpuTicks()
    {
        ClockGetTime(3, out var t);
        return (t.Seconds * 1_000_000_000 + t.Nanoseconds) * Stopwatch.Frequency / 1_000_000_000;
    }

    public static int Run(string[] args)
    {
        var cell = args.Length > 0 ? args[0] : "rnn";
        int hidden = args.Length > 1 && int.TryParse(args[1], out int h) ? h : 256;
        int steps = NeuralSuite.ArgInt(args, "--steps", 200);
        bool cpu = args.Contains("--cpu");
        Func<long> clock = cpu ? ThreadCpuTicks : Stopwatch.GetTimestamp;
        const int Emb = 64, Seq = 100, Batch = 32;
        Ops.MaxThreads = NeuralSuite.ArgInt(args, "--threads", 2);
        var kind = cell switch { "lstm" => CellKind.Lstm, "gru" => CellKind.Gru, _ => CellKind.Rnn };
        var (ids, vocab) = CharIds.Encode(File.ReadAllText(DataPath.TinyShakespeare()));
        var model = new RecurrentLanguageModel<float>(new LanguageModelConfig(vocab, Emb, hidden, 1, kind), seed: 1);
        var opt = new Adam<float>(model.Parameters, 2e-3);
        var loss = new SoftmaxCrossEntropy<float>();
        var batches = new StreamBatches(ids, Batch, Seq);
        int n = Batch * Seq;
        var inputs = new int[n]; var targets = new int[n]; var tIds = new int[n]; var tTargets = new int[n];
        var x = new float[n * Emb]; var logits = new float[n * vocab]; var dh = new float[n * hidden]; var dx = new float[n * Emb];
        string[] names = ["embedding forward", "recurrent forward", "output forward (U h + b)", "softmax + cross-entropy", "cross-entropy gradient",
            "output backward (dU, db, dh)", "recurrent backward (BPTT + dW)", "embedding backward", "zero grad", "clip (global norm)", "Adam"];
        var ticks = new long[names.Length];
        RecurrentState<float>? state = null;
        var warm = Stopwatch.StartNew();
        int warmup = 0;
        for (int s = 0; s < warmup + steps; s++)
        {
            if (s == warmup && warm.Elapsed.TotalSeconds < 2) warmup++;
            bool timed = s >= warmup;
            int window = s % batches.WindowsPerEpoch;
            if (window == 0) state = null;
            batches.Fill(window, inputs, targets);
            for (int b = 0; b < Batch; b++)
                for (int t = 0; t < Seq; t++) { tIds[t * Batch + b] = inputs[b * Seq + t]; tTargets[t * Batch + b] = targets[b * Seq + t]; }
            long t0 = clock();
            void Lap(int phase) { long now = clock(); if (timed) ticks[phase] += now - t0; t0 = now; }
            model.Embedding.Forward(tIds, x); Lap(0);
            var cache = model.Recurrent.Forward(x, Seq, Batch, state is null ? default : state.H, default); Lap(1);
            model.Output.Forward(cache.Output, logits); Lap(2);
            var r = loss.Forward(logits, tTargets, vocab); Lap(3);
            loss.Backward(logits, 1f / r.Count); Lap(4);
            opt.ZeroGrad();
            model.Output.Backward(cache.Output, logits, dh); Lap(5);
            model.Recurrent.Backward(cache, dh, default, default, dx, default, default); Lap(6);
            model.Embedding.Backward(tIds, dx); Lap(7);
            Lap(8);
            GradientClipping.ClipByGlobalNorm(model.Parameters, 5); Lap(9);
            opt.Step(); Lap(10);
            state = new RecurrentState<float>(cache.HiddenAt(Seq), []);
        }
        double total = ticks.Sum(), perStep = total / Stopwatch.Frequency / steps * 1e3;
        int gates = kind switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
        // Matrix-product FLOP of each product phase per step (2 per multiply-add).
        var flops = new Dictionary<int, double>
        {
            [1] = 2.0 * n * gates * hidden * (Emb + hidden), [2] = 2.0 * n * hidden * vocab,
            [5] = 2 * 2.0 * n * hidden * vocab, [6] = 2 * 2.0 * n * gates * hidden * (Emb + hidden),
        };
        Console.WriteLine($"neural profile: {cell.ToUpperInvariant()}-{hidden}, emb {Emb}, seq {Seq}, batch {Batch}, Adam; {steps} timed steps after {warmup} warm-up; " +
                          $"Ops.MaxThreads = {Ops.MaxThreads}; {(cpu ? "main thread's CPU time" : "wall time")}; {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512" : "AVX2")}");
        Console.WriteLine($"{"phase",-34} {"ms/step",8} {"share",6} {"GFLOP/s",8}");
        for (int i = 0; i < names.Length; i++)
        {
            double ms = ticks[i] / (double)Stopwatch.Frequency / steps * 1e3;
            string rate = flops.TryGetValue(i, out double f) ? (f / (ms * 1e-3) / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{names[i],-34} {ms,8:F3} {ticks[i] / total,6:P1} {rate,8}");
        }
        Console.WriteLine($"{"total",-34} {perStep,8:F3} {"",6} {flops.Values.Sum() / (perStep * 1e-3) / 1e9,8:F1}   = {n / (perStep * 1e-3):N0} chars/s");
        return 0;
    }
}
