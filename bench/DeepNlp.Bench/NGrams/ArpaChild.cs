using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.NGrams;

namespace DeepNlp.Bench.NGrams;

/// <summary>The kit doing what <c>lmplz</c> does, in a fresh process measured from outside like lmplz: text → modified-KN
/// ARPA, then (as <c>query</c> does) the test text scored, and the ARPA parsed back.</summary>
/// <remarks>
/// Started by <see cref="KenLmComparison"/>: <c>ngram-arpa-child TRAIN_TXT OUT_ARPA ORDER [TEST_TXT]</c>: without a test
/// file the process stops after writing the ARPA, so its peak memory is text → ARPA's alone (lmplz's counterpart); with
/// one it goes on to score it and to parse the ARPA back (a second process, not used for peak memory). Tokens are the
/// space-separated words of each line, exactly what lmplz and query read (one line = one sentence with &lt;s&gt; and
/// &lt;/s&gt;), so neither side tokenises beyond splitting on spaces. Prints one JSON line of phase times.
/// </remarks>
public sealed class ArpaChild : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "ngram-arpa-child";

    /// <inheritdoc />
    public string Description => "(internal, started by 'ngram') kit text -> ARPA, test scoring and ARPA parse in a fresh process";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        string trainPath = args[0], arpaPath = args[1];
        string? testPath = args.Length > 3 ? args[3] : null;
        int order = int.Parse(args[2], CultureInfo.InvariantCulture);
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        // CPU time of each phase beside its wall time: on a shared machine the wall time of a phase is inflated by
        // whatever else runs, its CPU time much less (for the single-threaded phases it is what an idle run would take).
        double cpuAt = CpuNow(), lastCpu = 0;
        double Lap()
        {
            double s = clock.Elapsed.TotalSeconds, c = CpuNow();
            lastCpu = c - cpuAt;
            cpuAt = c;
            clock.Restart();
            return s;
        }
        void Restart()
        {
            clock.Restart();
            cpuAt = CpuNow();
        }
        // Read, split and encode straight from the file's bytes into a native token array, then count it (what
        // NGramCounts.FromTokenFile does, in two timed steps). Locals are cleared once used: Run is compiled once,
        // unoptimised (tier 0), where a local keeps its object alive to the end of the method.
        var (vocab, corpus) = Utf8CorpusReader.ReadFile(trainPath, minCount: 1);
        double readS = Lap(), readCpu = lastCpu, readPeak = PeakMb();
        var counts = NGramCounter.Count(corpus, vocab, order);
        corpus.Dispose();
        double countS = Lap(), countCpu = lastCpu, countPeak = PeakMb();
        var model = ModifiedKneserNeyModel.Estimate(counts);
        counts = null;
        double estimateS = Lap(), estimateCpu = lastCpu, estimatePeak = PeakMb();
        ArpaFile.Write(model, arpaPath);
        double arpaS = Lap(), arpaCpu = lastCpu, arpaPeak = PeakMb();
        double textToArpaS = total.Elapsed.TotalSeconds;
        var phases = new Dictionary<string, object>
        {
            ["read_encode_s"] = readS, ["count_s"] = countS, ["estimate_s"] = estimateS, ["read_encode_cpu_s"] = readCpu, ["count_cpu_s"] = countCpu, ["estimate_cpu_s"] = estimateCpu, ["arpa_write_s"] = arpaS, ["arpa_write_cpu_s"] = arpaCpu,
            ["text_to_arpa_s"] = textToArpaS, ["vocabulary"] = vocab.Count,
            ["peak_mb_read"] = readPeak, ["peak_mb_count"] = countPeak, ["peak_mb_estimate"] = estimatePeak, ["peak_mb_write"] = arpaPeak,
        };
        if (testPath is null)
        {
            Console.WriteLine(JsonSerializer.Serialize(phases));
            return 0;
        }

        // Scoring as query does it: read the test text as bytes, split on spaces, look every word up from its bytes, score
        // (Perplexity.EvaluateFile), first on the trie, then through the probing index (ProbingModel, built here: its
        // build is the counterpart of query loading its binary). The first run is cold (JIT, the vocabulary's UTF-8
        // table); the best of 3 warm measurements counts.
        var testIds = NGramText.Encode(NGramText.Sentences(File.ReadLines(testPath), Split), vocab);
        var trie = MeasureScoring(model, testPath, testIds, vocab);
        Restart();
        var probing = new ProbingModel(model);
        double probingBuildS = Lap(), probingBuildCpu = lastCpu;
        var fast = MeasureScoring(probing, testPath, testIds, vocab);
        if (fast.Eval.Log10Probability != trie.Eval.Log10Probability || fast.Eval.OovLog10Probability != trie.Eval.OovLog10Probability)
            throw new InvalidOperationException($"the probing index and the trie disagree: {fast.Eval.Log10Probability:R} vs {trie.Eval.Log10Probability:R}");
        // The probing path on one thread (query is single-threaded).
        int threads = DeepNlp.Numerics.Ops.MaxThreads;
        DeepNlp.Numerics.Ops.MaxThreads = 1;
        var single = MeasureScoring(probing, testPath, testIds, vocab);
        DeepNlp.Numerics.Ops.MaxThreads = threads;
        var eval = fast.Eval;
        foreach (var (k, v) in new Dictionary<string, object>
                 {
                     ["eval_cold_s"] = fast.ColdS, ["eval_warm_s"] = fast.WarmS, ["eval_warm_cpu_s"] = fast.WarmCpu, ["score_only_cpu_s"] = fast.ScoreOnlyCpu, ["eval_strings_s"] = fast.StringsS, ["score_only_s"] = fast.ScoreOnlyS,
                     ["eval_1t_warm_s"] = single.WarmS, ["eval_1t_warm_cpu_s"] = single.WarmCpu, ["score_only_1t_s"] = single.ScoreOnlyS,
                     ["trie_eval_cold_s"] = trie.ColdS, ["trie_eval_warm_s"] = trie.WarmS, ["trie_eval_warm_cpu_s"] = trie.WarmCpu, ["trie_score_only_s"] = trie.ScoreOnlyS, ["trie_score_only_cpu_s"] = trie.ScoreOnlyCpu,
                     ["probing_build_s"] = probingBuildS, ["probing_build_cpu_s"] = probingBuildCpu, ["probing_mb"] = probing.IndexBytes / 1e6, ["trie_mb"] = model.MemoryBytes / 1e6,
                     ["threads"] = threads,
                 })
            phases[k] = v;
        probing = null;

        // The same ARPA through a TextWriter (the write path before issue 21), for a same-run comparison of the two writers.
        Restart();
        using (var text = new StreamWriter(arpaPath + ".text", false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
            ArpaFile.Write(model, text);
        double textWriterS = Lap();
        Restart();
        ArpaFile.Write(model, arpaPath);
        double utf8WriterS = Lap();
        // The byte writer's own float formatter against the runtime's on every number of this model: the two files
        // must be the same bytes.
        if (!File.ReadAllBytes(arpaPath + ".text").AsSpan().SequenceEqual(File.ReadAllBytes(arpaPath)))
            throw new InvalidOperationException("the UTF-8 writer and the TextWriter path wrote different ARPA files");
        File.Delete(arpaPath + ".text");
        var (floats, distinct, runtimeFormatCpu, formatterCpu) = FloatFormatting(model);

        Restart();
        var parsed = ArpaFile.Read(arpaPath);
        double parseS = Lap(), parseCpu = lastCpu;
        GC.KeepAlive(parsed);
        parsed = null;

        // The kit's binary format: write once, then load twice (the second load reads from the page cache, as KenLM's does).
        string binPath = arpaPath + ".bin";
        Restart();
        BackoffModelFile.Write(model, binPath);
        double binaryWriteS = Lap();
        double binaryLoadS = double.PositiveInfinity, binaryLoadCpu = double.PositiveInfinity;
        for (int r = 0; r < 2; r++)
        {
            Restart();
            var loaded = BackoffModelFile.Read(binPath);
            binaryLoadS = Math.Min(binaryLoadS, Lap());
            binaryLoadCpu = Math.Min(binaryLoadCpu, lastCpu);
            GC.KeepAlive(loaded);
        }
        long binaryBytes = new FileInfo(binPath).Length;
        File.Delete(binPath);

        foreach (var (k, v) in new Dictionary<string, object>
                 {
                     ["eval_tokens"] = eval.Tokens, ["perplexity"] = eval.Perplexity,
                     ["perplexity_excl_oov"] = eval.PerplexityExcludingOov, ["oovs"] = eval.Oovs, ["arpa_parse_s"] = parseS, ["arpa_parse_cpu_s"] = parseCpu, ["arpa_write_textwriter_s"] = textWriterS, ["arpa_write_utf8_s"] = utf8WriterS,
                     ["floats"] = floats, ["distinct_float_bits"] = distinct, ["format_tryformat_cpu_s"] = runtimeFormatCpu, ["format_ryu_cpu_s"] = formatterCpu,
                     ["binary_write_s"] = binaryWriteS, ["binary_load_s"] = binaryLoadS, ["binary_load_cpu_s"] = binaryLoadCpu, ["binary_mb"] = binaryBytes / 1e6,
                 })
            phases[k] = v;
        Console.WriteLine(JsonSerializer.Serialize(phases));
        return 0;
    }

    /// <summary>Scoring figures of one model: cold, then the best of 3 means of 10 warm runs of the byte path (wall and
    /// CPU), the string path, and the lookups alone on ids encoded beforehand.</summary>
    private sealed record Scoring(PerplexityResult Eval, double ColdS, double WarmS, double WarmCpu, double StringsS, double ScoreOnlyS, double ScoreOnlyCpu);

    private static Scoring MeasureScoring(BackoffModel model, string testPath, List<int[]> testIds, DeepNlp.Text.Vocabulary vocab)
    {
        var clock = Stopwatch.StartNew();
        var eval = Perplexity.EvaluateFile(model, testPath);
        double coldS = clock.Elapsed.TotalSeconds, cpu;
        double warmS = double.PositiveInfinity, warmCpu = double.PositiveInfinity, stringsS = double.PositiveInfinity, scoreOnlyS = double.PositiveInfinity, scoreOnlyCpu = double.PositiveInfinity;
        for (int r = 0; r < 3; r++)
        {
            // Each warm figure is the mean of 10 back-to-back runs (a run takes milliseconds; the CPU clock ticks in 10 ms).
            clock.Restart();
            cpu = CpuNow();
            var again = eval;
            for (int i = 0; i < 10; i++) again = Perplexity.EvaluateFile(model, testPath);
            warmS = Math.Min(warmS, clock.Elapsed.TotalSeconds / 10);
            warmCpu = Math.Min(warmCpu, (CpuNow() - cpu) / 10);
            if (again.Log10Probability != eval.Log10Probability) throw new InvalidOperationException("scoring is not deterministic");
            // The string path (File.ReadLines, Split, a string-keyed lookup per word), as the kit scored before issue 21.
            clock.Restart();
            var viaStrings = Perplexity.Evaluate(model, NGramText.Encode(NGramText.Sentences(File.ReadLines(testPath), Split), vocab));
            stringsS = Math.Min(stringsS, clock.Elapsed.TotalSeconds);
            if (viaStrings.Log10Probability != eval.Log10Probability) throw new InvalidOperationException($"the byte and string paths disagree: {viaStrings.Log10Probability} vs {eval.Log10Probability}");
            // The model's lookups alone, on ids encoded beforehand.
            clock.Restart();
            cpu = CpuNow();
            for (int i = 0; i < 10; i++) Perplexity.Evaluate(model, testIds);
            scoreOnlyS = Math.Min(scoreOnlyS, clock.Elapsed.TotalSeconds / 10);
            scoreOnlyCpu = Math.Min(scoreOnlyCpu, (CpuNow() - cpu) / 10);
        }
        return new Scoring(eval, coldS, warmS, warmCpu, stringsS, scoreOnlyS, scoreOnlyCpu);
    }

    /// <summary>How many numbers the model's ARPA holds, how many distinct bit patterns they have, and the CPU time of
    /// formatting all of them on one thread with <c>float.TryFormat</c> and with the writer's formatter.</summary>
    private static (long Floats, int Distinct, double TryFormatCpu, double FormatterCpu) FloatFormatting(BackoffModel model)
    {
        var all = model.Log10Probs.Concat(model.Log10Backoffs.Where(b => b is not null).Select(b => b!)).ToList();
        long floats = all.Sum(a => (long)a.Length);
        var bits = new HashSet<uint>();
        foreach (var a in all) foreach (float x in a) bits.Add(BitConverter.SingleToUInt32Bits(x));
        Span<byte> buffer = stackalloc byte[64];
        long sink = 0;
        double t0 = CpuNow();
        foreach (var a in all) foreach (float x in a) { x.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture); sink += n; }
        double t1 = CpuNow();
        foreach (var a in all) foreach (float x in a) sink -= ShortestFloatFormatter.Format(x, buffer);
        double t2 = CpuNow();
        if (sink != 0) throw new InvalidOperationException("the two formatters wrote different lengths");
        return (floats, bits.Count, t1 - t0, t2 - t1);
    }

    private static string[] Split(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The process's peak resident set so far (VmHWM, MB of 10^6 bytes; 0 where /proc is missing): read after
    /// each phase, it tells which phase set the peak that /usr/bin/time reports.</summary>
    private static double PeakMb()
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / 1e6;
    }

    private static double CpuNow() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
