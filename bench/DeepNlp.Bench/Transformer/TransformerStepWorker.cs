using DeepNlp.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.Bench.Gemm;
using DeepNlp.Bench.Neural;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Bench.Transformer;

/// <summary>One timed measurement of the kit's Transformer training step in its own process:
/// <c>transformer --worker kit E HEADS LAYERS FF SEQ BATCH STEPS</c>; also measures the float32 GEMM peak in the same process.</summary>
internal static class TransformerStepWorker
{
    private const double WarmUpSeconds = 3;

    public static int Run(string[] args)
    {
        int w = Array.IndexOf(args, "--worker");
        int[] a = [.. args[(w + 2)..(w + 9)].Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        var (E, heads, layers, ff, seq, batch, steps) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
        Ops.MaxThreads = Environment.ProcessorCount;

        var text = File.ReadAllText(DataPath.TinyShakespeare());
        var (ids, vocab) = CharIds.Encode(text);
        var config = new TransformerConfig(vocab, E, heads, layers, ff, seq);
        var model = new TransformerLanguageModel<float>(config, seed: 1);
        var batches = new StreamBatches(ids, batch, seq);
        var adam = new Adam<float>(model.Parameters, 1e-3);
        var inputs = new int[batch * seq]; var targets = new int[batch * seq];
        double loss = 0;
        var clock = new Stopwatch();
        TimeSpan cpuStart = TimeSpan.Zero;
        // Warm up until the tiered JIT has recompiled the hot loops (torch, compiled ahead of time, needs no warm-up).
        var warm = Stopwatch.StartNew();
        int warmup = 2;
        for (int s = 0; s < warmup + steps; s++)
        {
            if (s == warmup && warm.Elapsed.TotalSeconds < WarmUpSeconds) warmup++;
            if (s == warmup) { clock.Start(); cpuStart = Process.GetCurrentProcess().TotalProcessorTime; }
            batches.Fill(s % batches.WindowsPerEpoch, inputs, targets);
            adam.ZeroGrad();
            var r = model.Forward(inputs, targets, batch, seq);
            model.Backward(r.Count);
            adam.Step();
            loss = r.Mean;
        }
        clock.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        double stepSeconds = clock.Elapsed.TotalSeconds / steps;
        double flops = StepFlops(config, batch, seq);
        var peak = GemmPeak.Measure();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["peer"] = "kit", ["warmup_steps"] = warmup, ["threads"] = Ops.MaxThreads,
            ["chars_per_s"] = steps * (double)seq * batch / clock.Elapsed.TotalSeconds,
            ["chars_per_cpu_s"] = steps * (double)seq * batch / cpu,
            ["step_s"] = stepSeconds,
            ["step_gflop"] = flops / 1e9,
            ["step_gflops"] = flops / stepSeconds / 1e9,
            ["gemm_peak_gflops"] = peak.Gflops,
            ["gemm_peak_shape"] = peak.Shape,
            ["fraction_of_peak"] = flops / stepSeconds / 1e9 / peak.Gflops,
            ["peak_rss_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            ["loss"] = loss,
            ["simd"] = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "avx512" : "avx2",
        }));
        return 0;
    }

    /// <summary>Floating-point operations of the matrix products in one training step (forward and backward; 2 per
    /// multiply-add), counting the causal attention products over the T(T+1)/2 query–key pairs a causal kernel needs (the
    /// kit's float32 attention skips the masked triangle; before 2026-12-06 it computed, and this counted, all T² pairs).</summary>
    internal static double StepFlops(TransformerConfig c, int batch, int seq)
    {
        double n = (double)batch * seq, E = c.ModelSize, F = c.FeedForwardSize, V = c.VocabularySize, d = E / c.Heads;
        // Each linear map costs 2·n·in·out forward and twice that backward (∂W and ∂x).
        double linear = 3 * 2 * n * (3 * E * E + E * E + E * F + F * E);
        // Per (sequence, head): S = QKᵀ and O = PV forward; ∂P, ∂V, ∂Q, ∂K backward: six [T, T, d] products.
        double attention = 6 * 2.0 * batch * c.Heads * (seq * (seq + 1.0) / 2) * d;
        return c.Layers * (linear + attention) + 3 * 2 * n * E * V;
    }
}
