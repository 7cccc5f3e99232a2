using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.Bench.Gemm;
using DeepNlp.Bench.Neural;

namespace DeepNlp.Bench.Transformer;

/// <summary>The character Transformer language model: the kit's training step against PyTorch's (CPU) in the same run,
/// with the fraction of the machine's float32 GEMM peak the kit's step reaches; plus a convergence race with the char-LSTM.</summary>
/// <remarks>
/// Usage: <c>transformer [--steps N]</c> prints the throughput table (E 128, 4 heads, 2 blocks, FF 512, T 128, batch 32,
/// Adam); <c>transformer gemm</c> prints the kit GEMM's float32 peak with one thread and with all; <c>transformer profile [--steps N]</c> times the kit's step section by section;
/// <c>transformer converge [--minutes M]</c> trains the char Transformer and the kit's char-LSTM for M minutes each on
/// tinyshakespeare (90/10 split) and compares their validation losses. Every measurement runs in its own child process.
/// The PyTorch child runs with <c>OPENBLAS_CORETYPE</c> and <c>OPENBLAS_L2_SIZE</c> removed from its environment (so
/// OpenBLAS picks this CPU's kernels), once with one OpenBLAS thread and once with OpenBLAS's default; the faster counts.
/// </remarks>
public sealed class TransformerSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "transformer";

    /// <inheritdoc />
    public string Description => "char Transformer LM training chars/s vs PyTorch CPU, fraction of float32 GEMM peak; 'converge' races the char-LSTM";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        if (args.Contains("--worker")) return TransformerStepWorker.Run(args);
        if (args.Length > 0 && args[0] == "converge") return TransformerConverge.Run(args[1..]);
        if (args.Length > 0 && args[0] == "profile") return TransformerProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "gemm")
        {
            foreach (int t in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                DeepNlp.Numerics.Ops.MaxThreads = t;
                var r = GemmPeak.Measure();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kit float32 GEMM, {t} thread(s): {r.Gflops:F1} GFLOP/s at {r.Shape}"));
            }
            return 0;
        }
        int steps = NeuralSuite.ArgInt(args, "--steps", 10);
        int threads = Environment.ProcessorCount;
        string data = DataPath.TinyShakespeare();
        const int E = 128, Heads = 4, Layers = 2, FF = 512, Seq = 128, Batch = 32;
        Console.WriteLine($"transformer: char LM E {E}, {Heads} heads, {Layers} blocks, FF {FF}, T {Seq}, batch {Batch}, Adam; {steps} timed steps; " +
                          $"{threads} cores, kit Ops.MaxThreads = {threads}, torch {threads} threads.");
        var kit = RunChild(SelfCommand($"--worker kit {E} {Heads} {Layers} {FF} {Seq} {Batch} {steps}"), null);
        string peerArgs = $"{NeuralSuite.Peer("torch_transformer.py")} --data \"{data}\" --model {E} --heads {Heads} --layers {Layers} --ff {FF} " +
                          $"--seq {Seq} --batch {Batch} --steps {Math.Max(3, steps / 2)} --warmup 2";
        // Three thread set-ups for the peer, the fastest counts: torch's threads with single-threaded OpenBLAS (the `neural`
        // suite's), both pools, and one torch thread with OpenBLAS's threads (the GEMMs, most of the step, then use every core).
        var peers = new[]
        {
            RunChild((Python, $"{peerArgs} --threads {threads}"), new() { ["OPENBLAS_NUM_THREADS"] = "1" }),
            RunChild((Python, $"{peerArgs} --threads {threads}"), new() { ["OPENBLAS_NUM_THREADS"] = null }),
            RunChild((Python, $"{peerArgs} --threads 1"), new() { ["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture) }),
        }.Where(p => p is not null).Select(p => p!.Value).ToList();
        JsonElement? peer = peers.Count == 0 ? null : peers.MaxBy(p => p.GetProperty("chars_per_s").GetDouble());
        double torchPeak = peers.Count == 0 ? double.NaN : peers.Max(p => p.GetProperty("gemm_peak_gflops").GetDouble());
        double machinePeak = double.IsNaN(torchPeak) ? Get(kit, "gemm_peak_gflops") : Math.Max(torchPeak, Get(kit, "gemm_peak_gflops"));

        double k = Get(kit, "chars_per_s"), p = Get(peer, "chars_per_s");
        string ratio = double.IsNaN(k) || double.IsNaN(p) ? "n/a" : (k / p).ToString("F2", CultureInfo.InvariantCulture) + "x";
        Console.WriteLine();
        Table.Print(["system", "chars/s", "chars/CPU-s", "step s", "peak MB"],
        [
            ["kit", Fmt(k), Fmt(Get(kit, "chars_per_cpu_s")), Get(kit, "step_s").ToString("F3", CultureInfo.InvariantCulture), Fmt(Get(kit, "peak_rss_mb"))],
            [$"PyTorch {peer?.GetProperty("torch").GetString() ?? "?"} (torch threads {Get(peer, "threads")}, OpenBLAS threads {peer?.GetProperty("openblas_threads").GetString() ?? "?"})",
                Fmt(p), Fmt(Get(peer, "chars_per_cpu_s")), Get(peer, "step_s").ToString("F3", CultureInfo.InvariantCulture), Fmt(Get(peer, "peak_rss_mb"))],
        ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio kit/PyTorch: {ratio} (goal >= 2.00x). Kit step: {Get(kit, "step_gflop"):F2} GFLOP of matrix products at {Get(kit, "step_gflops"):F1} GFLOP/s = " +
            $"{100 * Get(kit, "step_gflops") / machinePeak:F0}% of the machine's measured float32 GEMM peak ({machinePeak:F1} GFLOP/s, the best of the kit's GEMM, " +
            $"{Get(kit, "gemm_peak_gflops"):F1} at {kit?.GetProperty("gemm_peak_shape").GetString() ?? "?"} with {threads} threads, and torch.mm, {torchPeak:F1}); " +
            $"{100 * Get(kit, "fraction_of_peak"):F0}% of the kit GEMM's own peak."));
        Console.WriteLine($"PyTorch BLAS: {peer?.GetProperty("blas").GetString() ?? "(torch not available)"}");
        Console.WriteLine("Figures on a shared machine are provisional; re-run on an idle one.");
        return kit is not null && peer is not null ? 0 : 1;
    }

    private static double Get(JsonElement? e, string name) => e is JsonElement j && j.TryGetProperty(name, out var v) ? v.GetDouble() : double.NaN;

    private static string Fmt(double x) => double.IsNaN(x) ? "n/a" : x.ToString("N0", CultureInfo.InvariantCulture);

    private static string Python =>
        Environment.GetEnvironmentVariable("DEEPNLP_PYTHON") is { Length: > 0 } p ? p : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static (string File, string Args) SelfCommand(string args)
    {
        string host = Environment.ProcessPath!;
        string dll = typeof(TransformerSuite).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? (host, $"\"{dll}\" transformer {args}") : (host, $"transformer {args}");
    }

    // Runs a child and returns the last JSON line of its stdout. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from
    // every child's environment; a null value in env removes that variable too.
    private static JsonElement? RunChild((string File, string Args) cmd, Dictionary<string, string?>? env)
    {
        var psi = new ProcessStartInfo(cmd.File, cmd.Args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        DeepNlp.Bench.Peers.FairEnvironment.Apply(psi);
        if (env is not null)
            foreach (var (key, value) in env)
                if (value is null) psi.Environment.Remove(key); else psi.Environment[key] = value;
        try
        {
            using var proc = Process.Start(psi)!;
            var stdout = proc.StandardOutput.ReadToEndAsync();
            var stderr = proc.StandardError.ReadToEndAsync();
            proc.WaitForExit();
            var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'));
            if (proc.ExitCode != 0 || line is null)
            {
                Console.WriteLine($"  ! {Path.GetFileName(cmd.File)} {cmd.Args}: exit {proc.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
                return null;
            }
            Console.WriteLine("  " + line.Trim());
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"  ! cannot start {cmd.File}: {e.Message}");
            return null;
        }
    }
}
