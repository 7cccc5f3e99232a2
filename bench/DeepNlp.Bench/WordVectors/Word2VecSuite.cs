using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepNlp.Data;
using DeepNlp.WordVectors;

namespace DeepNlp.Bench.WordVectors;

/// <summary>
/// Skip-gram with negative sampling on the Gutenberg training split, side by side with gensim Word2Vec and the
/// fastText CLI at the same hyper-parameters (issue 5): words per second per thread over one epoch, and 3CosAdd
/// analogy accuracy (Google set, top 30,000 words, as compute-accuracy) after 10 epochs.
/// </summary>
/// <remarks>
/// All tools read the same tokenized file (lower-cased words, punctuation dropped, one paragraph per line) and every
/// tool's vectors are scored by the same evaluator. Throughput = in-vocabulary corpus words × epochs / training wall
/// time / threads. Training time: the kit's Word2Vec.Train call; gensim's train() call; fastText's whole process
/// (its vocabulary pass included, about a second), whose own words/sec/thread figure is printed beside it.
/// Options: --quick (speed 1 epoch, accuracy 2 epochs), --epochs N (accuracy run), --threads N, --lines N (first N
/// paragraphs only, to check the suite works), --no-peers.
/// </remarks>
public sealed class Word2VecSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "wordvec";

    /// <inheritdoc />
    public string Description => "word2vec skip-gram NS: words/s/thread and analogy accuracy vs gensim and fastText";

    private sealed record Row(string Tool, double SpeedWps, string SpeedNote, AnalogyReport? Accuracy, double AccuracyWps);

    /// <inheritdoc />
    public int Run(string[] args)
    {
        bool quick = args.Contains("--quick"), peers = !args.Contains("--no-peers");
        int threads = IntArg(args, "--threads", 2), epochs = IntArg(args, "--epochs", quick ? 2 : 10), lines = IntArg(args, "--lines", int.MaxValue);
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

        var rows = new List<Row>();
        var options = new Word2VecOptions(Dimension: dim, Window: window, Negative: neg, Sample: sample, Threads: threads, Epochs: 1);
        var speed = Word2Vec.Train(corpus, options);
        var full = Word2Vec.Train(corpus, options with { Epochs = epochs });
        rows.Add(new Row("DeepNlp (this kit)", speed.WordsPerSecondPerThread, "",
            Analogies.Evaluate(full.Vectors(), questions), full.WordsPerSecondPerThread));
        Console.WriteLine($"kit done: {rows[^1].SpeedWps:N0} words/s/thread");

        if (peers)
        {
            string root = FindRoot();
            string gensim = Path.Combine(root, "bench", "peers", "w2v_gensim.py"), fasttext = Path.Combine(root, "bench", "peers", "w2v_fasttext.sh");
            string[] hp = [dim.ToString(CultureInfo.InvariantCulture), window.ToString(CultureInfo.InvariantCulture), neg.ToString(CultureInfo.InvariantCulture), sample.ToString("R", CultureInfo.InvariantCulture), minCount.ToString(CultureInfo.InvariantCulture)];
            rows.Add(Peer("gensim Word2Vec", "/usr/bin/python3", gensim, corpusFile, Path.Combine(work, "gensim"), ".vec", threads, epochs, hp, corpus.TokenCount, questions));
            rows.Add(Peer("fastText skipgram", "/bin/bash", fasttext, corpusFile, Path.Combine(work, "fasttext"), "", threads, epochs, hp, corpus.TokenCount, questions));
        }

        Print(rows, epochs);
        Directory.Delete(work, recursive: true);
        return rows.All(r => r.Accuracy is not null) ? 0 : 1;
    }

    private static Row Peer(string name, string interpreter, string script, string corpusFile, string outBase, string vecSuffix, int threads, int epochs,
        string[] hp, long words, IReadOnlyList<AnalogyQuestion> questions)
    {
        try
        {
            var speed = RunScript(interpreter, [script, corpusFile, outBase + "-1" + vecSuffix, "1", threads.ToString(CultureInfo.InvariantCulture), .. hp]);
            var full = RunScript(interpreter, [script, corpusFile, outBase + "-n" + vecSuffix, epochs.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture), .. hp]);
            double Wps(JsonElement j, int ep) => words * ep / j.GetProperty("train_seconds").GetDouble() / threads;
            string note = speed.TryGetProperty("self_reported_words_per_sec_thread", out var s) ? $"self-reported {s.GetDouble():N0}" : "";
            var vectors = VectorFormats.ReadWord2VecText(outBase + "-n" + (vecSuffix.Length == 0 ? ".vec" : vecSuffix));
            var row = new Row(name, Wps(speed, 1), note, Analogies.Evaluate(vectors, questions), Wps(full, epochs));
            Console.WriteLine($"{name} done: {row.SpeedWps:N0} words/s/thread");
            return row;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException or System.ComponentModel.Win32Exception or KeyNotFoundException)
        {
            Console.WriteLine($"{name}: FAILED ({e.Message})");
            return new Row(name, double.NaN, "failed", null, double.NaN);
        }
    }

    private static JsonElement RunScript(string interpreter, string[] args)
    {
        var psi = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {interpreter}.");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(args[0])} exited with {p.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        string json = stdout.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static void Print(List<Row> rows, int epochs)
    {
        double fastestPeer = rows.Skip(1).Where(r => !double.IsNaN(r.SpeedWps)).Select(r => r.SpeedWps).DefaultIfEmpty(double.NaN).Max();
        double bestPeerAcc = rows.Skip(1).Where(r => r.Accuracy is not null).Select(r => r.Accuracy!.Accuracy).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine();
        Console.WriteLine($"{"tool",-20} {"words/s/thread",15} {"kit ÷ tool",10} {$"acc@{epochs}ep",9} {"semantic",9} {"syntactic",9} {"answered",9} {$"w/s/t@{epochs}ep",12}  note");
        foreach (var r in rows)
        {
            var a = r.Accuracy;
            Console.WriteLine($"{r.Tool,-20} {r.SpeedWps,15:N0} {rows[0].SpeedWps / r.SpeedWps,10:F2} {(a is null ? "-" : a.Accuracy.ToString("P2", CultureInfo.InvariantCulture)),9} " +
                $"{(a is null ? "-" : a.SemanticAccuracy.ToString("P2", CultureInfo.InvariantCulture)),9} {(a is null ? "-" : a.SyntacticAccuracy.ToString("P2", CultureInfo.InvariantCulture)),9} " +
                $"{(a is null ? "-" : a.Answered.ToString(CultureInfo.InvariantCulture)),9} {r.AccuracyWps,12:N0}  {r.SpeedNote}");
        }
        if (!double.IsNaN(fastestPeer))
        {
            Console.WriteLine();
            Console.WriteLine($"speed goal (faster than the fastest peer): kit/fastest = {rows[0].SpeedWps / fastestPeer:F2} -> {(rows[0].SpeedWps > fastestPeer ? "met" : "NOT met")}");
            Console.WriteLine($"accuracy goal (within 1 point of the best peer): kit - best = {(rows[0].Accuracy!.Accuracy - bestPeerAcc) * 100:F2} points -> {(rows[0].Accuracy!.Accuracy >= bestPeerAcc - 0.01 ? "met" : "NOT met")}");
        }
        Console.WriteLine("For reference (issue 5, not run here): the word2vec C tool does about 137k words/s/thread on this corpus and reaches 3.6 % (semantic 11.9 %) after 10 epochs.");
        Console.WriteLine("Figures taken on a shared machine are provisional; re-run on an idle one.");
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
