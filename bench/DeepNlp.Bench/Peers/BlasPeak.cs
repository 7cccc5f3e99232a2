using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DeepNlp.Bench.Peers;

/// <summary>The machine's measured float32 GEMM peak: numpy <c>a @ b</c> on 2048² float32 matrices with 1 and 2 OpenBLAS threads
/// (<c>bench/peers/blas_peak.py</c>, run in the fair environment), the yardstick for "fraction of the machine's limit".</summary>
public static class BlasPeak
{
    /// <summary>Measures the peak with each thread count; prints one line each; returns GFLOP/s by thread count (missing when numpy is absent).</summary>
    public static Dictionary<int, double> Measure(string script, params int[] threads)
    {
        var result = new Dictionary<int, double>();
        foreach (int t in threads)
        {
            var psi = FairEnvironment.Apply(new ProcessStartInfo(FairEnvironment.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            psi.ArgumentList.Add(script);
            psi.Environment["OPENBLAS_NUM_THREADS"] = t.ToString(CultureInfo.InvariantCulture);
            try
            {
                using var p = Process.Start(psi)!;
                var err = p.StandardError.ReadToEndAsync();
                var line = p.StandardOutput.ReadToEnd().Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
                p.WaitForExit();
                if (p.ExitCode != 0 || line is null) { Console.WriteLine($"GEMM peak ({t} thread(s)): numpy failed: {err.Result.Trim().Split('\n').LastOrDefault()}"); continue; }
                var j = JsonDocument.Parse(line).RootElement;
                result[t] = j.GetProperty("gflops").GetDouble();
                Console.WriteLine($"machine float32 GEMM peak, numpy {j.GetProperty("numpy").GetString()} a @ b 2048², {t} thread(s): {result[t]:F1} GFLOP/s " +
                                  $"(OpenBLAS core {j.GetProperty("core").GetString()}, {j.GetProperty("blas").GetString()})");
            }
            catch (System.ComponentModel.Win32Exception e) { Console.WriteLine($"GEMM peak: cannot start {psi.FileName}: {e.Message}"); }
        }
        return result;
    }
}
