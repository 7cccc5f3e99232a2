using System.Globalization;
using System.Reflection;
using System.Text.Json;
using DeepNlp.Bench.Peers;

namespace DeepNlp.Bench.NGrams;

/// <summary>KenLM built from source, side by side with the kit on the same tokens (issue 21): <c>lmplz -o N -S 1G</c>
/// text → ARPA against the kit's text → ARPA, both whole processes measured by <c>/usr/bin/time -v</c> (wall, CPU,
/// peak RSS); then <c>query</c> on the test split against the kit's scoring of the same text.</summary>
/// <remarks>
/// Both sides read the same file of space-separated lower-cased tokens, one paragraph per line, so tokenising is
/// included for neither (splitting on spaces and the vocabulary lookup are included for both). The runs are
/// interleaved (kit, lmplz, kit, lmplz, …) so a busy spell on a shared machine hits both alike; the fastest run of each
/// counts. <c>query</c> loads the model first: its scoring time is its run on the test text minus its run on empty
/// input (the load alone), on the probing binary that <c>build_binary</c> made from lmplz's ARPA.
/// </remarks>
internal static class KenLmComparison
{
    public static void Run(string dir, List<string[]> train, List<string[]> test, int order, int repeat)
    {
        var tools = PeerTools.Locate();
        if (tools is null) return;
        string trainTxt = Path.Combine(dir, "kenlm.train.txt"), testTxt = Path.Combine(dir, "kenlm.test.txt"), empty = Path.Combine(dir, "empty.txt");
        File.WriteAllLines(trainTxt, train.Select(s => string.Join(' ', s)));
        File.WriteAllLines(testTxt, test.Select(s => string.Join(' ', s)));
        File.WriteAllText(empty, "");
        Console.WriteLine();
        Console.WriteLine($"KenLM ({tools["lmplz"]}) against the kit, {order}-gram, same tokens ({new FileInfo(trainTxt).Length / 1e6:F1} MB of text), best of {repeat} interleaved runs:");

        MeasuredProcess.Result? bestKit = null, bestLm = null;
        JsonElement kitJson = default;
        string kitArpa = Path.Combine(dir, "kit.arpa"), lmArpa = Path.Combine(dir, "kenlm.arpa");
        var (self, prefix) = Self();
        for (int r = 0; r < repeat; r++)
        {
            var kit = MeasuredProcess.Run(self, [.. prefix, "ngram-arpa-child", trainTxt, kitArpa, order.ToString(CultureInfo.InvariantCulture)]);
            if (kit.ExitCode != 0) { Console.WriteLine($"  kit child failed: {kit.Stderr.Trim()}"); return; }
            var j = JsonDocument.Parse(kit.Stdout.Trim().Split('\n')[^1]).RootElement.Clone();
            Console.WriteLine($"  kit   run {r + 1}: {kit.WallSeconds:F2} s wall ({j.GetProperty("text_to_arpa_s").GetDouble():F2} s text -> ARPA inside: read+encode {j.GetProperty("read_encode_s").GetDouble():F2}, " +
                              $"count {j.GetProperty("count_s").GetDouble():F2}, estimate {j.GetProperty("estimate_s").GetDouble():F2}, ARPA write {j.GetProperty("arpa_write_s").GetDouble():F2}), " +
                              $"CPU {kit.CpuSeconds:F2} s, peak {kit.PeakMb:F0} MB (after read/count/estimate/write: {j.GetProperty("peak_mb_read").GetDouble():F0} / " +
                              $"{j.GetProperty("peak_mb_count").GetDouble():F0} / {j.GetProperty("peak_mb_estimate").GetDouble():F0} / {j.GetProperty("peak_mb_write").GetDouble():F0} MB)");
            if (bestKit is null || j.GetProperty("text_to_arpa_s").GetDouble() < kitJson.GetProperty("text_to_arpa_s").GetDouble()) { bestKit = kit; kitJson = j; }
            var lm = MeasuredProcess.Run(tools["lmplz"], ["-o", order.ToString(CultureInfo.InvariantCulture), "-S", "1G", "-T", dir, "--text", trainTxt, "--arpa", lmArpa]);
            if (lm.ExitCode != 0) { Console.WriteLine($"  lmplz failed ({lm.ExitCode}): {lm.Stderr.Trim().Split('\n').LastOrDefault()}"); return; }
            Console.WriteLine($"  lmplz run {r + 1}: {lm.WallSeconds:F2} s wall, CPU {lm.CpuSeconds:F2} s, peak {lm.PeakMb:F0} MB");
            if (bestLm is null || lm.WallSeconds < bestLm.WallSeconds) bestLm = lm;
        }

        // Scoring and ARPA parse in a second kit process (its peak is not text -> ARPA's).
        var kitEval = MeasuredProcess.Run(self, [.. prefix, "ngram-arpa-child", trainTxt, kitArpa, order.ToString(CultureInfo.InvariantCulture), testTxt]);
        if (kitEval.ExitCode != 0) { Console.WriteLine($"  kit scoring child failed: {kitEval.Stderr.Trim()}"); return; }
        var evalJson = JsonDocument.Parse(kitEval.Stdout.Trim().Split('\n')[^1]).RootElement.Clone();
        string lmBin = Path.Combine(dir, "kenlm.bin");
        var bb = MeasuredProcess.Run(tools["build_binary"], [lmArpa, lmBin]);
        var load = MeasuredProcess.Run(tools["query"], ["-v", "summary", lmBin], empty);
        var query = MeasuredProcess.Run(tools["query"], ["-v", "summary", lmBin], testTxt);
        var load2 = MeasuredProcess.Run(tools["query"], ["-v", "summary", lmBin], empty);
        var query2 = MeasuredProcess.Run(tools["query"], ["-v", "summary", lmBin], testTxt);
        double queryScore = Math.Min(query.WallSeconds - load.WallSeconds, query2.WallSeconds - load2.WallSeconds);
        string ppl = query.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Perplexity including OOVs", StringComparison.Ordinal))?.Split('\t')[^1] ?? "?";
        string tokens = query.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Tokens", StringComparison.Ordinal))?.Split('\t')[^1] ?? "?";
        var arpaParse = MeasuredProcess.Run(tools["query"], ["-v", "summary", lmArpa], empty);

        double kitT = kitJson.GetProperty("text_to_arpa_s").GetDouble(), evalWarm = evalJson.GetProperty("eval_warm_s").GetDouble(), evalCold = evalJson.GetProperty("eval_cold_s").GetDouble();
        Console.WriteLine();
        Console.WriteLine($"{"",-34} {"wall s",8} {"CPU s",7} {"peak MB",8}");
        Console.WriteLine($"{"kit text -> ARPA (process)",-34} {bestKit!.WallSeconds,8:F2} {bestKit.CpuSeconds,7:F2} {bestKit.PeakMb,8:F0}   (text -> ARPA inside the process {kitT:F2} s; the rest is runtime start-up and exit)");
        Console.WriteLine($"{$"lmplz -o {order} -S 1G text -> ARPA",-34} {bestLm!.WallSeconds,8:F2} {bestLm.CpuSeconds,7:F2} {bestLm.PeakMb,8:F0}");
        Console.WriteLine($"text -> ARPA: lmplz wall / kit text->ARPA = {bestLm.WallSeconds / kitT:F2}x (goal >= 2x: {(bestLm.WallSeconds / kitT >= 2 ? "met" : "NOT met")}); " +
                          $"peak kit/lmplz = {bestKit.PeakMb / bestLm.PeakMb:F2} (goal <= 1, kit peak covers its whole process: {(bestKit.PeakMb <= bestLm.PeakMb ? "met" : "NOT met")})");
        Console.WriteLine($"test split: query scoring {queryScore:F3} s (query on the text {Math.Min(query.WallSeconds, query2.WallSeconds):F3} s minus its load alone {Math.Min(load.WallSeconds, load2.WallSeconds):F3} s), " +
                          $"perplexity {ppl} on {tokens} tokens; kit scoring (read, split, look up, score) {evalWarm:F3} s warm, {evalCold:F3} s cold, perplexity " +
                          $"{evalJson.GetProperty("perplexity").GetDouble().ToString("F4", CultureInfo.InvariantCulture)} on {evalJson.GetProperty("eval_tokens").GetInt64()} tokens");
        Console.WriteLine($"  kit CPU s (this machine is shared: the single-threaded phases' CPU time is close to an idle wall time): scoring {evalJson.GetProperty("eval_warm_cpu_s").GetDouble():F3}, " +
                          $"lookups alone {evalJson.GetProperty("score_only_cpu_s").GetDouble():F3}, ARPA parse {evalJson.GetProperty("arpa_parse_cpu_s").GetDouble():F2}, binary load {evalJson.GetProperty("binary_load_cpu_s").GetDouble():F3}; " +
                          $"query's scoring CPU {Math.Min(query.CpuSeconds - load.CpuSeconds, query2.CpuSeconds - load2.CpuSeconds):F3} s");
        Console.WriteLine($"  kit scoring split: the model's lookups alone (ids encoded beforehand) {evalJson.GetProperty("score_only_s").GetDouble():F3} s; " +
                          $"the string path (ReadLines, Split, string-keyed lookup, score) {evalJson.GetProperty("eval_strings_s").GetDouble():F3} s");
        Console.WriteLine($"  kit scoring through the probing index (ProbingModel: built in {evalJson.GetProperty("probing_build_s").GetDouble():F2} s, CPU {evalJson.GetProperty("probing_build_cpu_s").GetDouble():F2} s, " +
                          $"{evalJson.GetProperty("probing_mb").GetDouble():F0} MB beside the trie's {evalJson.GetProperty("trie_mb").GetDouble():F0} MB), {evalJson.GetProperty("threads").GetInt32()} threads; " +
                          $"on 1 thread {evalJson.GetProperty("eval_1t_warm_s").GetDouble():F3} s warm (CPU {evalJson.GetProperty("eval_1t_warm_cpu_s").GetDouble():F3} s, lookups alone {evalJson.GetProperty("score_only_1t_s").GetDouble():F3} s); " +
                          $"on the trie {evalJson.GetProperty("trie_eval_warm_s").GetDouble():F3} s warm (CPU {evalJson.GetProperty("trie_eval_warm_cpu_s").GetDouble():F3} s, lookups alone {evalJson.GetProperty("trie_score_only_s").GetDouble():F3} s); same log10 sums");
        Console.WriteLine($"evaluation: query / kit = {queryScore / evalWarm:F2}x warm, {queryScore / evalCold:F2}x cold, {queryScore / evalJson.GetProperty("eval_1t_warm_s").GetDouble():F2}x on 1 thread (goal >= 2x: {(queryScore / evalWarm >= 2 ? "met" : "NOT met")})");
        Console.WriteLine($"model load: kit ARPA parse {evalJson.GetProperty("arpa_parse_s").GetDouble():F2} s; KenLM query loading its ARPA {arpaParse.WallSeconds:F2} s, its probing binary {Math.Min(load.WallSeconds, load2.WallSeconds):F3} s " +
                          $"(build_binary {bb.WallSeconds:F2} s)");
        double kitParse = evalJson.GetProperty("arpa_parse_s").GetDouble(), kitBin = evalJson.GetProperty("binary_load_s").GetDouble();
        Console.WriteLine($"kit binary model ({evalJson.GetProperty("binary_mb").GetDouble():F0} MB, written in {evalJson.GetProperty("binary_write_s").GetDouble():F2} s): load {kitBin:F3} s, " +
                          $"{kitParse / kitBin:F0}x faster than the kit's ARPA parse (goal >= 5x: {(kitParse / kitBin >= 5 ? "met" : "NOT met")}), {kitBin / Math.Min(load.WallSeconds, load2.WallSeconds):F1}x KenLM's probing-binary load time (query process, start-up included)");
        Console.WriteLine($"kit ARPA write, same process: UTF-8 byte writer {evalJson.GetProperty("arpa_write_utf8_s").GetDouble():F2} s, through a TextWriter {evalJson.GetProperty("arpa_write_textwriter_s").GetDouble():F2} s");
        Console.WriteLine($"  ARPA numbers: {evalJson.GetProperty("floats").GetInt64():N0} floats, {evalJson.GetProperty("distinct_float_bits").GetInt32():N0} distinct bit patterns; formatting all of them on one thread, CPU: " +
                          $"float.TryFormat {evalJson.GetProperty("format_tryformat_cpu_s").GetDouble():F2} s, the writer's Ryu formatter {evalJson.GetProperty("format_ryu_cpu_s").GetDouble():F2} s (same bytes: the two ARPA files were compared)");
    }

    private static (string File, string[] Prefix) Self()
    {
        var exe = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(exe) == "dotnet" ? (exe, [Assembly.GetExecutingAssembly().Location]) : (exe, []);
    }
}
