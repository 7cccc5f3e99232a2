using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using DeepNlp.NGrams;

namespace DeepNlp.Bench.NGrams;

/// <summary>Modified-KN build time, peak memory, model size and evaluation speed, against NLTK, and text → ARPA and scoring against KenLM built from source.</summary>
/// <remarks>
/// Data: the shipped Gutenberg train/test split, lower-cased alphanumeric tokens, one paragraph per sentence (the
/// setting of the KenLM reference figures). Each kit build runs in a fresh child process (<see cref="NGramBuildChild"/>)
/// so its peak RSS is its own. NLTK fits on a slice (it is orders of magnitude slower) and its time is scaled per
/// training token; its evaluation speed is measured on the first test tokens.
/// KenLM (<c>lmplz</c>, <c>query</c>) runs on the same tokens in <see cref="KenLmComparison"/> when it can be built.
/// Options: --quick (3-gram only, small NLTK slice), --orders 3,5, --repeat R, --nltk-sentences N,
/// --nltk-test-tokens T, --python PATH, --no-nltk, --no-kenlm, --keep (keep the temporary folder).
/// </remarks>
public sealed class NGramBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "ngram";

    /// <inheritdoc />
    public string Description => "modified Kneser-Ney 3/5-gram build and perplexity evaluation vs NLTK nltk.lm, KenLM lmplz and query (built from source)";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        var orders = Option(args, "--orders")?.Split(',').Select(int.Parse).ToArray() ?? (quick ? [3] : [3, 5]);
        int repeat = int.Parse(Option(args, "--repeat") ?? (quick ? "1" : "2"), CultureInfo.InvariantCulture);
        int nltkSentences = int.Parse(Option(args, "--nltk-sentences") ?? (quick ? "300" : "2000"), CultureInfo.InvariantCulture);
        int nltkTestTokens = int.Parse(Option(args, "--nltk-test-tokens") ?? (quick ? "100" : "300"), CultureInfo.InvariantCulture);

        Console.WriteLine($"n-gram benchmark on {Environment.ProcessorCount} logical cores (figures are provisional when the machine is shared)");
        var clock = Stopwatch.StartNew();
        var train = NGramText.Sentences(DeepNlp.Data.Datasets.Gutenberg.Lines(DeepNlp.Data.Split.Train));
        var test = NGramText.Sentences(DeepNlp.Data.Datasets.Gutenberg.Lines(DeepNlp.Data.Split.Test));
        var vocab = NGramText.BuildVocabulary(train);
        var trainIds = NGramText.Encode(train, vocab);
        var testIds = NGramText.Encode(test, vocab);
        double prepS = clock.Elapsed.TotalSeconds;
        long trainTokens = trainIds.Sum(s => (long)s.Length + 1);
        Console.WriteLine($"text -> ids (read, tokenise, vocabulary, encode): {prepS:F2} s; {train.Count:N0} train sentences, {trainTokens:N0} train tokens, vocabulary {vocab.Count:N0}");

        var dir = Directory.CreateTempSubdirectory("deepnlp-ngram-bench").FullName;
        try
        {
            vocab.Save(Path.Combine(dir, "vocab.tsv"));
            IdFile.Write(Path.Combine(dir, "train.ids"), trainIds);
            IdFile.Write(Path.Combine(dir, "test.ids"), testIds);
            File.WriteAllLines(Path.Combine(dir, "train.txt"), train.Take(nltkSentences).Select(s => string.Join(' ', s)));
            File.WriteAllLines(Path.Combine(dir, "test.txt"), test.Take(200).Select(s => string.Join(' ', s)));

            var kit = new Dictionary<int, JsonElement>();
            foreach (int n in orders)
            {
                JsonElement? best = null;
                for (int r = 0; r < repeat; r++)
                {
                    var run = Child(dir, n);
                    Console.WriteLine($"  kit {n}-gram run {r + 1}: build {run.GetProperty("build_s").GetDouble():F2} s, peak {run.GetProperty("peak_rss_mb").GetDouble():F0} MB");
                    if (best is null || run.GetProperty("build_s").GetDouble() < best.Value.GetProperty("build_s").GetDouble()) best = run;
                }
                kit[n] = best!.Value;
            }
            var nltk = new Dictionary<int, JsonElement>();
            if (!args.Contains("--no-nltk"))
                foreach (int n in orders)
                    if (Nltk(dir, n, nltkSentences, nltkTestTokens, Option(args, "--python")) is { } e) nltk[n] = e;
            Print(kit, nltk, trainTokens);
            if (!args.Contains("--no-kenlm"))
                KenLmComparison.Run(dir, train, test, orders.Max(), Math.Max(2, repeat));
            return 0;
        }
        finally
        {
            // --keep leaves the token files and models for a kit-only re-run of ngram-arpa-child.
            if (args.Contains("--keep")) Console.WriteLine($"kept {dir}");
            else Directory.Delete(dir, true);
        }
    }

    private static void Print(Dictionary<int, JsonElement> kit, Dictionary<int, JsonElement> nltk, long trainTokens)
    {
        static double D(JsonElement e, string p) => e.GetProperty(p).GetDouble();
        Console.WriteLine();
        Console.WriteLine($"{"system",-44} {"build s",9} {"count s",8} {"CPU s",7} {"peak MB",9} {"model MB",9} {"ARPA MB",9} {"eval s",8} {"eval tok/s",12} {"perplexity",11}");
        foreach (var (n, e) in kit)
            Console.WriteLine($"{$"kit modified KN {n}-gram (count+estimate)",-44} {D(e, "build_s"),9:F2} {D(e, "count_s"),8:F2} {D(e, "build_cpu_s"),7:F2} {D(e, "peak_rss_mb"),9:F0} {D(e, "model_mb"),9:F0} {D(e, "arpa_mb"),9:F0} {D(e, "eval_warm_s"),8:F3} {D(e, "eval_tokens") / D(e, "eval_warm_s"),12:N0} {D(e, "perplexity"),11:F2}");
        foreach (var (n, e) in nltk)
        {
            double scaled = D(e, "fit_s") / D(e, "train_tokens") * trainTokens;
            Console.WriteLine($"{$"NLTK KneserNeyInterpolated {n}-gram, scaled*",-44} {scaled,9:F1} {"-",8} {"-",7} {"-",9} {"-",9} {"-",9} {"-",8} {D(e, "eval_tokens") / D(e, "eval_s"),12:N0} {"-",11}");
            Console.WriteLine($"{$"  (* fit {D(e, "fit_s"):F2} s on {e.GetProperty("sentences").GetInt32():N0} sentences / {D(e, "train_tokens"):N0} tokens, peak {D(e, "peak_rss_mb"):F0} MB; eval on {D(e, "eval_tokens"):N0} tokens)",-44}");
        }
        Console.WriteLine();
        foreach (var (n, e) in kit)
        {
            if (nltk.TryGetValue(n, out var p))
            {
                double nltkPerToken = D(p, "fit_s") / D(p, "train_tokens");
                double kitPerToken = D(e, "build_s") / D(e, "train_tokens");
                double evalRatio = D(e, "eval_tokens") / D(e, "eval_warm_s") / (D(p, "eval_tokens") / D(p, "eval_s"));
                double cpuRatio = D(p, "fit_cpu_s") / D(p, "train_tokens") / (D(e, "build_cpu_s") / D(e, "train_tokens"));
                Console.WriteLine($"{n}-gram vs NLTK: build {nltkPerToken / kitPerToken:N0}x faster per training token by wall time, {cpuRatio:N0}x by CPU time; evaluation {evalRatio:N0}x more tokens/s (goal: >= 100x)");
            }
        }
        if (kit.TryGetValue(5, out var k5))
        {
            Console.WriteLine($"goals: 5-gram build < 2.5 s: {(D(k5, "build_s") < 2.5 ? "met" : "NOT met")} (CPU time {D(k5, "build_cpu_s"):F2} s: wall time above it means the machine was busy); peak < 300 MB: {(D(k5, "peak_rss_mb") < 300 ? "met" : "NOT met")}; test evaluation < 0.5 s: {(D(k5, "eval_warm_s") < 0.5 ? "met" : "NOT met")} (first, cold evaluation {D(k5, "eval_s"):F3} s)");
        }
    }

    private static JsonElement Child(string dir, int order)
    {
        var (file, prefix) = Self();
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(["ngram-child", dir, order.ToString(CultureInfo.InvariantCulture)])) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ngram-child {order} failed ({p.ExitCode}): {stderr}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static (string File, string[] Prefix) Self()
    {
        var exe = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(exe) == "dotnet" ? (exe, [Assembly.GetExecutingAssembly().Location]) : (exe, []);
    }

    private static JsonElement? Nltk(string dir, int order, int sentences, int testTokens, string? python)
    {
        var script = FindUp(Path.Combine("bench", "peers", "ngram_nltk.py"));
        if (script is null) { Console.WriteLine("  NLTK: bench/peers/ngram_nltk.py not found; skipped"); return null; }
        foreach (var py in python is null ? new[] { "python3", "/usr/bin/python3" } : [python])
        {
            try
            {
                var psi = DeepNlp.Bench.Peers.FairEnvironment.Apply(new ProcessStartInfo(py) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
                foreach (var a in new[] { script, "--train", Path.Combine(dir, "train.txt"), "--test", Path.Combine(dir, "test.txt"), "--order", order.ToString(CultureInfo.InvariantCulture), "--sentences", sentences.ToString(CultureInfo.InvariantCulture), "--test-tokens", testTokens.ToString(CultureInfo.InvariantCulture) })
                    psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                var e = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
                if (e.TryGetProperty("error", out var err)) { Console.WriteLine($"  NLTK via {py}: {err.GetString()}"); continue; }
                Console.WriteLine($"  NLTK {order}-gram via {py}: fit {e.GetProperty("fit_s").GetDouble():F2} s on {sentences:N0} sentences");
                return e;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or JsonException or IndexOutOfRangeException)
            {
                Console.WriteLine($"  NLTK via {py}: {ex.Message}");
            }
        }
        return null;
    }

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, relative))) return Path.Combine(d.FullName, relative);
        return null;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
