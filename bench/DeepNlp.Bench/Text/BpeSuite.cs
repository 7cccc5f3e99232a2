using System.Diagnostics;
using System.Globalization;
using DeepNlp.Data;
using DeepNlp.Text;

namespace DeepNlp.Bench.Text;

/// <summary>BPE training time: the kit's <see cref="BpeTrainer"/> against sentencepiece's <c>spm_train --model_type=bpe</c>.</summary>
/// <remarks>
/// Both train on the same text file to the same vocabulary size. The kit's size counts 256 byte symbols + merges, so it
/// learns size − 256 merges; sentencepiece's counts its characters, merges and its 3 specials (&lt;unk&gt;, &lt;s&gt;,
/// &lt;/s&gt;). The kit is timed in-process on text already in memory (best of --repeat runs, after one untimed warm-up
/// on a slice so the JIT has compiled the trainer); spm_train is timed as a whole process (it reads the file itself;
/// its read time is a small share), with its own defaults (threads, sentence limits) and --character_coverage=1.0.
/// Options: --corpus tinyshakespeare|gutenberg (default tinyshakespeare; gutenberg = the train split), --vocab N
/// (default 8000), --repeat R (default 2), --spm PATH.
/// </remarks>
public sealed class BpeSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "bpe";

    /// <inheritdoc />
    public string Description => "byte-level BPE training time vs sentencepiece spm_train --model_type=bpe, same corpus and vocabulary size";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        string corpus = Option(args, "--corpus") ?? "tinyshakespeare";
        int vocab = int.Parse(Option(args, "--vocab") ?? "8000", CultureInfo.InvariantCulture);
        int repeat = int.Parse(Option(args, "--repeat") ?? "2", CultureInfo.InvariantCulture);
        string spm = Option(args, "--spm") ?? "spm_train";

        string text = corpus switch
        {
            "tinyshakespeare" => Datasets.TinyShakespeare.Load(),
            "gutenberg" => string.Join('\n', Datasets.Gutenberg.Lines(Split.Train)) + "\n",
            _ => throw new ArgumentException($"--corpus must be tinyshakespeare or gutenberg, not '{corpus}'."),
        };
        var dir = Directory.CreateTempSubdirectory("deepnlp-bpe-bench").FullName;
        try
        {
            string input = Path.Combine(dir, "corpus.txt");
            File.WriteAllText(input, text);
            Console.WriteLine($"BPE training on {corpus}: {text.Length:N0} chars, {new FileInfo(input).Length:N0} bytes, vocabulary {vocab:N0}, " +
                              $"{Environment.ProcessorCount} logical cores (figures are provisional when the machine is shared)");

            BpeTrainer.Train([text[..Math.Min(text.Length, 50_000)]], 600);                     // warm-up: JIT the trainer
            double kit = double.MaxValue;
            ByteLevelBpe? bpe = null;
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                bpe = BpeTrainer.Train([text], vocab);
                kit = Math.Min(kit, clock.Elapsed.TotalSeconds);
            }
            var ids = bpe!.Encode(text);
            Console.WriteLine($"kit   BpeTrainer: {kit:F3} s (best of {repeat}), {bpe.Merges.Count:N0} merges, " +
                              $"{ids.Length:N0} tokens on the training text ({(double)text.Length / ids.Length:F2} chars/token)");

            double? peer = SentencePiece(spm, input, dir, vocab, repeat);
            if (peer is null) return 0;
            Console.WriteLine();
            Console.WriteLine("| corpus | vocabulary | kit s | spm_train s | ratio (spm / kit) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine($"| {corpus} | {vocab:N0} | {kit:F3} | {peer:F3} | {peer / kit:F2}× |");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double? SentencePiece(string spm, string input, string dir, int vocab, int repeat)
    {
        double best = double.MaxValue;
        for (int r = 0; r < repeat; r++)
        {
            var psi = new ProcessStartInfo(spm)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { $"--input={input}", $"--model_prefix={Path.Combine(dir, "spm")}", $"--vocab_size={vocab}",
                         "--model_type=bpe", "--character_coverage=1.0" })
                psi.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            Process p;
            try
            {
                p = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Console.WriteLine($"peer skipped: '{spm}' not found. Install Debian's sentencepiece (apt-get install -y sentencepiece) or pass --spm PATH.");
                return null;
            }
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            double s = clock.Elapsed.TotalSeconds;
            if (p.ExitCode != 0)
            {
                Console.WriteLine($"peer failed: spm_train exited with {p.ExitCode}:\n{string.Join('\n', stderr.Result.Split('\n').TakeLast(5))}");
                return null;
            }
            best = Math.Min(best, s);
        }
        int pieces = File.ReadLines(Path.Combine(dir, "spm.vocab")).Count();
        Console.WriteLine($"spm   spm_train --model_type=bpe: {best:F3} s (best of {repeat}, whole process), {pieces:N0} pieces");
        return best;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
