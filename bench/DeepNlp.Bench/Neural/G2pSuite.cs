using System.Diagnostics;
using DeepNlp.Data;
using DeepNlp.Evaluation;
using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Bench.Neural;

/// <summary>Grapheme to phoneme on a cmudict subset: the encoder–decoder with and without attention, trained for the same
/// wall-clock budget, with phoneme error rates of greedy and beam decoding and of a trivial baseline.</summary>
/// <remarks>Sizes for lecture 10. The trivial baseline emits nothing (PER 100%).
/// Options: --words N (training words, default 8000), --seconds S (per model, default 50), --test N (default 500).</remarks>
public sealed class G2pSuite : IBenchmarkSuite
{
    private const int Pad = 0, Start = 1, End = 2;

    /// <inheritdoc />
    public string Name => "g2p";

    /// <inheritdoc />
    public string Description => "cmudict grapheme-to-phoneme: PER of seq2seq with vs without attention, greedy vs beam, same time budget";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        int words = Option(args, "--words", 8000), seconds = Option(args, "--seconds", 50), testCount = Option(args, "--test", 500);
        var train = Datasets.CmuDict.Load(Split.Train).Where(e => e.Variant == 1 && e.Word.All(char.IsAsciiLetterLower)).Take(words).ToArray();
        var test = Datasets.CmuDict.Load(Split.Test).Where(e => e.Variant == 1 && e.Word.All(char.IsAsciiLetterLower)).Take(testCount).ToArray();
        var phonemes = Datasets.CmuDict.Phonemes();
        var phonemeId = phonemes.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i + 3);
        IReadOnlyList<int> Src(string w) => [.. w.Select(c => c - 'a' + 1)];
        IReadOnlyList<int> Tgt(Pronunciation e) => [Start, .. e.Phonemes.Select(p => phonemeId[p]), End];
        var xs = train.Select(e => Src(e.Word)).ToArray(); var ys = train.Select(Tgt).ToArray();
        var refs = test.Select(e => e.Phonemes).ToArray();
        Console.WriteLine($"g2p: {train.Length} training words, {test.Length} test words, {seconds} s per model, batch 64, E 64, H 128, Adam 0.005");
        Console.WriteLine($"trivial baseline (empty output): PER {ErrorRate.PhonemeErrorRate(refs, [.. refs.Select(_ => (IReadOnlyList<string>)[])]).Rate:P1}");

        string Decode(IEnumerable<int> ids) => string.Join(' ', ids.Where(i => i >= 3).Select(i => phonemes[i - 3]));
        IReadOnlyList<string> Phon(IEnumerable<int> ids) => [.. ids.Where(i => i >= 3).Select(i => phonemes[i - 3])];

        void Report(string name, int epochs, double loss, Func<IReadOnlyList<int>, IReadOnlyList<int>> greedy, Func<IReadOnlyList<int>, IReadOnlyList<int>> beam)
        {
            var sw = Stopwatch.StartNew();
            var g = ErrorRate.PhonemeErrorRate(refs, [.. test.Select(e => Phon(greedy(Src(e.Word))))]);
            double tg = sw.Elapsed.TotalSeconds; sw.Restart();
            var b = ErrorRate.PhonemeErrorRate(refs, [.. test.Select(e => Phon(beam(Src(e.Word))))]);
            Console.WriteLine($"{name,-28} epochs {epochs,3}  train loss {loss:F3}  greedy PER {g.Rate:P1} (WER {g.SequenceErrorRate:P1}, {tg:F1} s)  beam-5 PER {b.Rate:P1} (WER {b.SequenceErrorRate:P1}, {sw.Elapsed.TotalSeconds:F1} s)");
        }

        foreach (var kind in new AttentionKind?[] { null, AttentionKind.Additive, AttentionKind.General })
        {
            IModule<float> module;
            Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlyList<int>>, CrossEntropyResult> forward;
            Action<int> backward;
            Func<IReadOnlyList<int>, IAutoregressiveModel> conditioned;
            if (kind is AttentionKind k)
            {
                var m = new AttentionEncoderDecoder<float>(27, phonemes.Count + 3, 64, 128, seed: 1, k);
                module = m; forward = (s, t) => m.Forward(s, t); backward = m.Backward; conditioned = m.Conditioned;
            }
            else
            {
                var m = new EncoderDecoder<float>(27, phonemes.Count + 3, 64, 128, seed: 1);
                module = m; forward = (s, t) => m.Forward(s, t); backward = m.Backward; conditioned = m.Conditioned;
            }
            var opt = new Adam<float>(module.Parameters, 0.005);
            var rng = new Random(3);
            var clock = Stopwatch.StartNew();
            int epochs = 0; double last = double.NaN;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var order = Enumerable.Range(0, xs.Length).OrderBy(_ => rng.Next()).ToArray();
                CrossEntropyResult sum = default;
                for (int i = 0; i + 64 <= order.Length && clock.Elapsed.TotalSeconds < seconds; i += 64)
                {
                    var batch = order.AsSpan(i, 64).ToArray();
                    opt.ZeroGrad();
                    var r = forward([.. batch.Select(j => xs[j])], [.. batch.Select(j => ys[j])]);
                    backward(r.Count);
                    GradientClipping.ClipByGlobalNorm(module.Parameters, 5.0);
                    opt.Step();
                    sum += r;
                }
                epochs++; last = sum.Mean;
            }
            Report(kind?.ToString() ?? "no attention", epochs, last,
                s => Samplers.Greedy(conditioned(s), [Start], 30, stopToken: End),
                s => BeamSearch.Best(conditioned(s), Start, End, width: 5, maxLength: 30).Tokens);
            if (kind is null) continue;
            var example = test[0];
            Console.WriteLine($"  e.g. {example.Word}: {Decode(Samplers.Greedy(conditioned(Src(example.Word)), [Start], 30, End))}  (gold {string.Join(' ', example.Phonemes)})");
        }
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
    }
}
