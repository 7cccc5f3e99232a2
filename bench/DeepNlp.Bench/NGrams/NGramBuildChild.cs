using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.NGrams;
using DeepNlp.Text;

namespace DeepNlp.Bench.NGrams;

/// <summary>One modified-KN build measured in a fresh process, so peak memory is the build's own (as lmplz's would be).</summary>
/// <remarks>Started by <see cref="NGramBenchmark"/>: <c>ngram-child DIR ORDER</c>; prints one JSON line.</remarks>
public sealed class NGramBuildChild : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "ngram-child";

    /// <inheritdoc />
    public string Description => "(internal, started by 'ngram') one n-gram build in a fresh process";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        string dir = args[0];
        int order = int.Parse(args[1], CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var vocab = Vocabulary.Load(Path.Combine(dir, "vocab.tsv"));
        var train = IdFile.Read(Path.Combine(dir, "train.ids"));
        var test = IdFile.Read(Path.Combine(dir, "test.ids"));
        double loadS = clock.Elapsed.TotalSeconds;
        GC.Collect();
        long baseline = Rss("VmRSS");

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var counts = NGramCounts.Build(train, vocab, order);
        double countS = clock.Elapsed.TotalSeconds;
        var model = ModifiedKneserNeyModel.Estimate(counts);
        double buildS = clock.Elapsed.TotalSeconds;
        double buildCpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        long peak = Rss("VmHWM");
        long ngrams = Enumerable.Range(1, order).Sum(n => model.NGramCount(n));
        counts = null;

        var eval = Perplexity.Evaluate(model, test);
        var eval2 = Perplexity.Evaluate(model, test);   // warm figure: the JIT has seen the scorer once

        var arpa = Path.Combine(dir, $"model{order}.arpa");
        clock.Restart();
        ArpaFile.Write(model, arpa);
        double arpaS = clock.Elapsed.TotalSeconds;
        long arpaBytes = new FileInfo(arpa).Length;
        File.Delete(arpa);

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["order"] = order, ["load_s"] = loadS, ["count_s"] = countS, ["build_s"] = buildS, ["build_cpu_s"] = buildCpuS,
            ["baseline_rss_mb"] = baseline / 1e6, ["peak_rss_mb"] = peak / 1e6, ["model_mb"] = model.MemoryBytes / 1e6,
            ["ngrams"] = ngrams, ["eval_s"] = eval.Seconds, ["eval_warm_s"] = eval2.Seconds, ["eval_tokens"] = eval.Tokens,
            ["perplexity"] = eval.Perplexity, ["arpa_s"] = arpaS, ["arpa_mb"] = arpaBytes / 1e6,
            ["train_tokens"] = train.Sum(s => (long)s.Length + 1),
        }));
        GC.KeepAlive(counts);
        return 0;
    }

    /// <summary>A line of /proc/self/status in bytes (Linux); the process working set elsewhere.</summary>
    private static long Rss(string key)
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                    return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        using var p = Process.GetCurrentProcess();
        return key == "VmHWM" ? p.PeakWorkingSet64 : p.WorkingSet64;
    }
}
