using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.Data;
using DeepNlp.WordVectors;

namespace DeepNlp.Bench.WordVectors;

/// <summary>
/// Skip-gram with negative sampling on the Gutenberg training split, side by side with gensim Word2Vec, the
/// fastText CLI and the word2vec C tool (built from source in ../shared/peers, see PeerTools) at the same hyper-parameters (issue 5): words per second per thread over one epoch, and 3CosAdd
/// analogy accuracy (Google set, top 30,000 words, as compute-accuracy) after 10 epochs.
/// </summary>
/// <remarks>
/// All tools read the same tokenized file (lower-cased words, punctuation dropped, one paragraph per line) and every
/// tool's vectors are scored by the same evaluator. Throughput = in-vocabulary corpus words × epochs / training wall
/// time / threads. Training time: the kit's Word2Vec.Train call; gensim's train() call; fastText's whole process
/// (its vocabulary pass included, about a second), whose own words/sec/thread figure is printed beside it.
/// CPU time per word (process CPU time over the same span, all threads) is printed beside it: on a shared machine it
/// is steadier than wall time.
/// Options: --quick (speed 1 epoch, accuracy 2 epochs), --epochs N (accuracy run), --threads N, --lines N (first N
/// paragraphs only, to check the suite works), --no-peers, --repeat N (the 1-epoch speed runs N times, the tools
/// interleaved; each tool's fastest run is reported), --only kit,gensim,fasttext,c (those tools only), --seed N (the
/// kit's and gensim's seed; the C tool has none: its threads seed their generators with their index), --c-pristine (the
/// C tool 20c129a as shipped instead of with its epoch-reset fix; see PeerTools.LocateWord2VecEofFix).
/// --variants kit,kit-init,... --seeds 1-8: instead of the table, accuracy only for each variant and seed, with means and
/// spreads (see Word2VecSweep: one of gensim's departures from the C tool switched on at a time, issue 21).
/// After the table, the semantic categories per tool (answered, correct): the semantic set is small (a few hundred
/// answered questions on this corpus), so its share moves by points between runs.
/// </remarks>
public sealed class Word2VecSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "wordvec";

    /// <inheritdoc />
    public string Description => "word2vec skip-gram NS: words/s/thread and analogy accuracy vs gensim, fastText and word2vec.c";

    private sealed record Speed(double Wps, double CpuNsPerWord, string Note);

    private sealed record Row(string Tool, Speed Speed, AnalogyReport? Accuracy, Speed Full);

    private static readonly Speed Failed = new(double.NaN, double.NaN, "failed");

    // Row names of the C tool: as shipped, and with the eof reset between epochs (see PeerTools.LocateWord2VecEofFix).
    private const string CPristine = "word2vec.c 20c129a", CFixed = "word2vec.c eof-fix";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        bool quick = args.Contains("--quick"), peers = !args.Contains("--no-peers");
        int threads = IntArg(args, "--threads", 2), epochs = IntArg(args, "--epochs", quick ? 2 : 10), lines = IntArg(args, "--lines", int.MaxValue);
        int repeat = Math.Max(1, IntArg(args, "--repeat", 1)), seed = IntArg(args, "--seed", 1);
        var only = StringArg(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Wanted(string key) => only is null || only.Contains(key, StringComparer.OrdinalIgnoreCase);
        const int dim = 100, window = 5, neg = 5, minCount = 5;
        const double sample = 1e-4;

        Console.WriteLine($"word2vec benchmark: skip-gram, dim {dim}, window {window}, neg {neg}, sample {sample}, min-count {minCount}, {threads} threads; accuracy after {epochs} epochs");
        var sentences = Datasets.Gutenberg.Load().Train.Take(lines).Select(TrainingCorpus.WordsOnly.Tokenize).Where(s => s.Length > 0).ToList();
        string work = Directory.CreateTempSubdirectory("deepnlp-w2v-bench").FullName;
        string corpusFile = Path.Combine(work, "gutenberg.train.tok.txt");
        File.WriteAllLines(corpusFile, sentences.Select(s => string.Join(' ', s)));
        var corpus = TrainingCorpus.FromSentences(sentences, minCount);
        var questions = Datasets.GoogleAnalogy.Load();
        Console.WriteLine($"corpus: {corpus}; tokenized copy at {corpusFile}");

        var options = new Word2VecOptions(Dimension: dim, Window: window, Negative: neg, Sample: sample, Threads: threads, Epochs: 1, Seed: seed);
        string root = FindRoot();
        string[] hp = [dim.ToString(CultureInfo.InvariantCulture), window.ToString(CultureInfo.InvariantCulture), neg.ToString(CultureInfo.InvariantCulture), sample.ToString("R", CultureInfo.InvariantCulture), minCount.ToString(CultureInfo.InvariantCulture)];
        if (StringArg(args, "--variants") is { } variantList)
        {
            // Accuracy only, many seeds: see Word2VecSweep. gensim runs go through the same peer script as the table's row.
            string script = Path.Combine(root, "bench", "peers", "w2v_gensim.py");
            Word2VecSuitePeerRun Gensim(string outFile, string? init, int s, string file)
            {
                try
                {
                    var j = RunScript("/usr/bin/python3", [script, file, outFile + ".vec", epochs.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture),
                        .. hp, s.ToString(CultureInfo.InvariantCulture), init ?? "gensim"]);
                    return new Word2VecSuitePeerRun(outFile + ".vec", j.GetProperty("cpu_seconds").GetDouble());
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or FormatException or System.ComponentModel.Win32Exception or KeyNotFoundException)
                {
                    Console.WriteLine($"w2v_gensim.py: FAILED ({e.Message})");
                    return new Word2VecSuitePeerRun(null, double.NaN);
                }
            }
            int code = Word2VecSweep.Run(variantList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Word2VecSweep.ParseSeeds(StringArg(args, "--seeds") ?? seed.ToString(CultureInfo.InvariantCulture)), options with { Epochs = epochs },
                corpus, corpusFile, questions, Gensim, work);
            Directory.Delete(work, recursive: true);
            return code;
        }
        var tools = new List<(string Name, Func<int, string, Speed> Train)>
        {
            ("DeepNlp (this kit)", new Func<int, string, Speed>((ep, file) => KitSpeed(corpus, options with { Epochs = ep }, out _))),
        };
        if (peers)
        {
            string gensim = Path.Combine(root, "bench", "peers", "w2v_gensim.py"), fasttext = Path.Combine(root, "bench", "peers", "w2v_fasttext.sh");
            string[] gensimHp = [.. hp, seed.ToString(CultureInfo.InvariantCulture)];
            if (Wanted("gensim"))
                tools.Add(("gensim Word2Vec", (ep, outFile) => PeerSpeed("/usr/bin/python3", gensim, corpusFile, outFile + ".vec", ep, threads, gensimHp, corpus.TokenCount)));
            if (Wanted("fasttext"))
                tools.Add(("fastText skipgram", (ep, outFile) => PeerSpeed("/bin/bash", fasttext, corpusFile, outFile, ep, threads, hp, corpus.TokenCount)));
            // The word2vec C tool, built from source (../shared/peers) on first use; skipped with a message when it cannot be built.
            // By default with its epoch-reset fix (PeerTools.LocateWord2VecEofFix): 20c129a trains the last thread's share
            // of the corpus in the first epoch only, so its multi-epoch rows are no reference. --c-pristine runs 20c129a as
            // shipped (its 1-epoch runs are the same program either way).
            string? cBinary = !Wanted("c") ? null
                : args.Contains("--c-pristine") ? DeepNlp.Bench.Peers.PeerTools.Locate()?["word2vec"]
                : DeepNlp.Bench.Peers.PeerTools.LocateWord2VecEofFix();
            if (cBinary is not null)
            {
                string c = Path.Combine(root, "bench", "peers", "w2v_c.sh");
                tools.Add((args.Contains("--c-pristine") ? CPristine : CFixed, (ep, outFile) => PeerSpeed("/bin/bash", c, corpusFile, outFile, ep, threads, hp, corpus.TokenCount, cBinary)));
            }
        }

        // Speed: one epoch, the tools interleaved so that a busy spell on a shared machine hits all of them alike.
        var best = tools.Select(_ => Failed).ToArray();
        for (int r = 0; r < repeat; r++)
            for (int t = 0; t < tools.Count; t++)
            {
                var sp = tools[t].Train(1, Path.Combine(work, $"speed{t}"));
                Console.WriteLine($"{tools[t].Name}, 1 epoch, run {r + 1}/{repeat}: {sp.Wps:N0} words/s/thread, {sp.CpuNsPerWord:N0} CPU ns/word");
                if (double.IsNaN(best[t].Wps) || sp.Wps > best[t].Wps) best[t] = sp;
            }

        // Accuracy (and throughput) over the full number of epochs, once per tool.
        var rows = new List<Row>();
        for (int t = 0; t < tools.Count; t++)
        {
            AnalogyReport? report = null;
            Speed full;
            if (t == 0)
            {
                full = KitSpeed(corpus, options with { Epochs = epochs }, out var model);
                report = Analogies.Evaluate(model.Vectors(), questions);
            }
            else
            {
                string outFile = Path.Combine(work, $"full{t}");
                full = tools[t].Train(epochs, outFile);
                if (!double.IsNaN(full.Wps)) report = Analogies.Evaluate(VectorFormats.ReadWord2VecText(outFile + ".vec"), questions);
            }
            Console.WriteLine($"{tools[t].Name}, {epochs} epochs: {full.Wps:N0} words/s/thread, {full.CpuNsPerWord:N0} CPU ns/word, accuracy {report?.Accuracy:P2}");
            rows.Add(new Row(tools[t].Name, best[t], report, full));
        }

        Print(rows, epochs, repeat);
        PrintSemantic(rows);
        Directory.Delete(work, recursive: true);
        return rows.All(r => r.Accuracy is not null) ? 0 : 1;
    }

    private static Speed KitSpeed(TrainingCorpus corpus, Word2VecOptions options, out Word2VecModel model)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        model = Word2Vec.Train(corpus, options);
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new Speed(model.WordsPerSecondPerThread, cpuSeconds * 1e9 / (corpus.TokenCount * (double)options.Epochs), "");
    }

    private static Speed PeerSpeed(string interpreter, string script, string corpusFile, string outFile, int epochs, int threads, string[] hp, long words, string? binary = null)
    {
        try
        {
            string[] lead = binary is null ? [script] : [script, binary];
            var j = RunScript(interpreter, [.. lead, corpusFile, outFile, epochs.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture), .. hp]);
            double seconds = j.GetProperty("train_seconds").GetDouble(), cpu = j.GetProperty("cpu_seconds").GetDouble();
            string note = j.TryGetProperty("self_reported_words_per_sec_thread", out var s) ? $"self-reported {s.GetDouble():N0}" : "";
            return new Speed(words * epochs / seconds / threads, cpu * 1e9 / (words * (double)epochs), note);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException or System.ComponentModel.Win32Exception or KeyNotFoundException)
        {
            Console.WriteLine($"{Path.GetFileName(script)}: FAILED ({e.Message})");
            return Failed;
        }
    }

    private static JsonElement RunScript(string interpreter, string[] args)
    {
        var psi = DeepNlp.Bench.Peers.FairEnvironment.Apply(new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {interpreter}.");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(args[0])} exited with {p.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        string json = stdout.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static void Print(List<Row> rows, int epochs, int repeat)
    {
        double fastestPeer = rows.Skip(1).Where(r => !double.IsNaN(r.Speed.Wps)).Select(r => r.Speed.Wps).DefaultIfEmpty(double.NaN).Max();
        double fastestPeerFull = rows.Skip(1).Where(r => !double.IsNaN(r.Full.Wps)).Select(r => r.Full.Wps).DefaultIfEmpty(double.NaN).Max();
        // The pristine C tool trains part of the corpus once however many epochs it is given: no accuracy reference past one.
        var fairPeers = rows.Skip(1).Where(r => r.Accuracy is not null && !(r.Tool == CPristine && epochs > 1)).ToList();
        double bestPeerAcc = fairPeers.Select(r => r.Accuracy!.Accuracy).DefaultIfEmpty(double.NaN).Max();
        static string P(AnalogyReport? a, Func<AnalogyReport, double> f) => a is null ? "-" : f(a).ToString("P2", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"speed: 1 epoch, best of {repeat} interleaved run{(repeat == 1 ? "" : "s")}; CPU ns/word = process CPU time (all threads) per corpus word");
        Console.WriteLine($"{"tool",-20} {"words/s/thread",15} {"kit ÷ tool",10} {"CPU ns/word",11} {$"acc@{epochs}ep",9} {"semantic",9} {"syntactic",9} {"answered",9} {$"w/s/t@{epochs}ep",12} {$"kit ÷ tool",10} {$"CPU ns/w",9}  note");
        foreach (var r in rows)
        {
            var a = r.Accuracy;
            Console.WriteLine($"{r.Tool,-20} {r.Speed.Wps,15:N0} {rows[0].Speed.Wps / r.Speed.Wps,10:F2} {r.Speed.CpuNsPerWord,11:N0} {P(a, x => x.Accuracy),9} " +
                $"{P(a, x => x.SemanticAccuracy),9} {P(a, x => x.SyntacticAccuracy),9} {(a is null ? "-" : a.Answered.ToString(CultureInfo.InvariantCulture)),9} " +
                $"{r.Full.Wps,12:N0} {rows[0].Full.Wps / r.Full.Wps,10:F2} {r.Full.CpuNsPerWord,9:N0}  {r.Speed.Note}");
        }
        if (!double.IsNaN(fastestPeer))
        {
            Console.WriteLine();
            Console.WriteLine($"speed goal (faster than the fastest peer): kit/fastest = {rows[0].Speed.Wps / fastestPeer:F2} over 1 epoch, {rows[0].Full.Wps / fastestPeerFull:F2} over {epochs} -> " +
                $"{(rows[0].Speed.Wps > fastestPeer && rows[0].Full.Wps > fastestPeerFull ? "met" : "NOT met")}");
            Console.WriteLine($"accuracy goal (within 1 point of the best peer): kit - best = {(rows[0].Accuracy!.Accuracy - bestPeerAcc) * 100:F2} points -> {(rows[0].Accuracy!.Accuracy >= bestPeerAcc - 0.01 ? "met" : "NOT met")}");
        }
        if (rows.FirstOrDefault(r => r.Tool is CPristine or CFixed) is { } c && !double.IsNaN(c.Speed.Wps))
            Console.WriteLine($"word2vec.c goal (kit >= 5x the C tool's words/s/thread over 1 epoch): {rows[0].Speed.Wps / c.Speed.Wps:F2}x -> {(rows[0].Speed.Wps >= 5 * c.Speed.Wps ? "met" : "NOT met")} " +
                              "(the C tool's wall time includes its vocabulary pass over the file, as fastText's does)");
        if (rows[0].Accuracy is { } k && fairPeers is { Count: > 0 } acc)
            Console.WriteLine($"accuracy goal (total and semantic not below the best peer{(fairPeers.Count < rows.Count - 1 ? $", {CPristine} left out: its epochs after the first skip a thread's share" : "")}): total {k.Accuracy:P2} vs {acc.Max(r => r.Accuracy!.Accuracy):P2}, " +
                              $"semantic {k.SemanticAccuracy:P2} vs {acc.Max(r => r.Accuracy!.SemanticAccuracy):P2} -> " +
                              $"{(k.Accuracy >= acc.Max(r => r.Accuracy!.Accuracy) && k.SemanticAccuracy >= acc.Max(r => r.Accuracy!.SemanticAccuracy) ? "met" : "NOT met")}");
        Console.WriteLine("Figures taken on a shared machine are provisional; re-run on an idle one.");
    }

    // The semantic categories tool by tool: which questions the semantic share is made of, and how few they are.
    private static void PrintSemantic(List<Row> rows)
    {
        var withAccuracy = rows.Where(r => r.Accuracy is not null).ToList();
        if (withAccuracy.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("semantic categories, correct / answered (of all questions in the category):");
        foreach (var cat in withAccuracy[0].Accuracy!.Categories.Where(c => c.IsSemantic))
        {
            var cells = withAccuracy.Select(r => r.Accuracy!.Categories.First(c => c.Category == cat.Category))
                .Select(c => $"{c.Correct,4} / {c.Answered,-4}");
            Console.WriteLine($"  {cat.Category,-26} ({cat.Questions,5})  {string.Join("  ", cells)}");
        }
        Console.WriteLine($"  columns: {string.Join(", ", withAccuracy.Select(r => r.Tool))}");
    }

    private static string? StringArg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) ? v : fallback;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "bench", "peers"))) dir = dir.Parent;
        dir ??= new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "bench", "peers"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("bench/peers not found above the benchmark binary or the working directory.");
    }
}
