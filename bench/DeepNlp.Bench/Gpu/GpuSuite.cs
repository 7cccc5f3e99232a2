using System.Diagnostics;
using System.Text.Json;
using DeepNlp.Gpu;

namespace DeepNlp.Bench.Gpu;

/// <summary>SGEMM GFLOP/s (naive, tiled, register-blocked) vs torch.matmul (cuBLAS), and GPU char-LSTM training throughput vs
/// PyTorch's nn.LSTM (cuDNN), measured in the same run. On the CPU accelerator it runs small sizes.</summary>
/// <remarks>
/// Options: <c>--cpu</c> forces ILGPU's CPU accelerator; <c>--quick</c> uses the small sizes even on a GPU;
/// <c>--no-peer</c> skips PyTorch. The peer is bench/peers/gpu_torch.py (python3 with torch).
/// </remarks>
public sealed class GpuSuite : IBenchmarkSuite
{
    private const int Vocabulary = 65, Embedding = 64, Sequence = 100;

    /// <inheritdoc />
    public string Name => "gpu";

    /// <inheritdoc />
    public string Description => "ILGPU SGEMM and char-LSTM training vs PyTorch (cuBLAS/cuDNN on a GPU)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        using var device = GpuDevice.Open(args.Contains("--cpu") ? AcceleratorChoice.Cpu : AcceleratorChoice.Auto);
        bool small = device.IsCpu || args.Contains("--quick");
        bool peer = !args.Contains("--no-peer");
        Console.WriteLine($"Device: {device}");
        if (device.IsCpu) Console.WriteLine("No GPU in use: ILGPU's CPU accelerator, small sizes. Figures show the path works, not GPU speed.");

        int[] sizes = small ? [32, 64, 128, 256] : [1024, 2048, 4096, 8192];
        var peerGemm = peer ? Peer(["gemm", .. sizes.Select(s => s.ToString())]) : [];
        Console.WriteLine();
        Console.WriteLine($"SGEMM, C = A·B, n×n, fp32 (best of {(small ? 1 : 3)} after a warm-up)");
        Console.WriteLine($"{"n",6} {"naive GF/s",11} {"tiled GF/s",11} {"blocked GF/s",12} {"peer GF/s",10} {"peer device",-22} {"best/peer",10}");
        foreach (var n in sizes)
        {
            var naive = GemmTiming.Measure(device, GemmKernel.Naive, n, repeats: small ? 1 : 3);
            // On the CPU accelerator every group barrier synchronises OS threads: beyond n = 64 the shared-memory
            // kernels take minutes there, so they are left out (the columns show NaN).
            var tiled = device.IsCpu && n > 64 ? null : GemmTiming.Measure(device, GemmKernel.Tiled, n, repeats: small ? 1 : 3);
            var blocked = device.IsCpu && n > 64 ? null : GemmTiming.Measure(device, GemmKernel.Blocked, n, repeats: small ? 1 : 3);
            double best = new[] { naive.Gflops, tiled?.Gflops ?? 0, blocked?.Gflops ?? 0 }.Max();
            var p = peerGemm.FirstOrDefault(e => e.GetProperty("size").GetInt32() == n);
            double peerGflops = p.ValueKind == JsonValueKind.Undefined ? double.NaN : p.GetProperty("gflops").GetDouble();
            string peerDevice = p.ValueKind == JsonValueKind.Undefined ? "(no peer)" : p.GetProperty("device").GetString()!;
            Console.WriteLine($"{n,6} {naive.Gflops,11:F3} {tiled?.Gflops ?? double.NaN,11:F3} {blocked?.Gflops ?? double.NaN,12:F3} {peerGflops,10:F1} {peerDevice,-22} {best / peerGflops,10:P1}");
        }

        (int Hidden, int Batch)[] configs = small ? [(32, 8), (64, 16)] : [(512, 64), (512, 128), (1024, 64), (1024, 128), (1024, 256)];
        int sequence = small ? 16 : Sequence, steps = small ? 3 : 20;
        var peerLstm = peer ? Peer(["lstm", $"{Vocabulary}", $"{Embedding}", $"{sequence}", $"{steps}", .. configs.SelectMany(c => new[] { $"{c.Hidden}", $"{c.Batch}" })]) : [];
        Console.WriteLine();
        Console.WriteLine($"Char-LSTM training (V={Vocabulary}, E={Embedding}, T={sequence}, clip 5, Adam), characters/s");
        Console.WriteLine($"{"hidden",6} {"batch",6} {"kit chars/s",12} {"peer chars/s",13} {"peer device",-22} {"kit/peer",9}");
        foreach (var (hidden, batch) in configs)
        {
            double kit = LstmThroughput(device, hidden, batch, sequence, steps);
            var p = peerLstm.FirstOrDefault(e => e.GetProperty("hidden").GetInt32() == hidden && e.GetProperty("batch").GetInt32() == batch);
            double peerRate = p.ValueKind == JsonValueKind.Undefined ? double.NaN : p.GetProperty("chars_per_s").GetDouble();
            string peerDevice = p.ValueKind == JsonValueKind.Undefined ? "(no peer)" : p.GetProperty("device").GetString()!;
            Console.WriteLine($"{hidden,6} {batch,6} {kit,12:N0} {peerRate,13:N0} {peerDevice,-22} {kit / peerRate,9:P1}");
        }
        return 0;
    }

    private static double LstmThroughput(GpuDevice device, int hidden, int batch, int sequence, int steps)
    {
        using var model = new GpuCharLstm(device, Vocabulary, Embedding, hidden, batch, sequence, seed: 0);
        var rng = new Random(0);
        var x = Enumerable.Range(0, batch * sequence).Select(_ => rng.Next(Vocabulary)).ToArray();
        var y = Enumerable.Range(0, batch * sequence).Select(_ => rng.Next(Vocabulary)).ToArray();
        model.TrainStep(x, y);
        var watch = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++) model.TrainStep(x, y);
        return steps * (double)batch * sequence / watch.Elapsed.TotalSeconds;
    }

    private static List<JsonElement> Peer(string[] arguments)
    {
        var script = FindScript();
        if (script is null)
        {
            Console.WriteLine("Peer: bench/peers/gpu_torch.py not found; peer columns are empty.");
            return [];
        }
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        DeepNlp.Bench.Peers.FairEnvironment.Apply(info);
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"Peer failed (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}");
                return [];
            }
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"Peer: cannot start python3 ({e.Message}).");
            return [];
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "bench", "peers", "gpu_torch.py");
            if (File.Exists(path)) return path;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "peers", "gpu_torch.py");
        return File.Exists(beside) ? beside : null;
    }
}
