using DeepNlp.Kernels;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepNlp.WordVectors;

/// <summary>Trains word2vec (skip-gram or CBOW with negative sampling) as the reference C tool does.</summary>
/// <remarks>
/// Mirrors <c>word2vec.c</c> (Mikolov et al. 2013, tmikolov/word2vec):
/// <list type="bullet">
/// <item>Sub-sampling: a word with count f among T corpus words is kept with probability
/// (sqrt(f/(t·T)) + 1)·(t·T)/f, tested against the thread's LCG (<c>next = next·25214903917 + 11</c>, 16 low bits).</item>
/// <item>Dynamic window: each position draws b = rand % window and uses contexts up to window - b away.</item>
/// <item>Skip-gram updates the context word's input vector to predict the centre word (as the C tool and gensim do);
/// CBOW averages the context input vectors and adds the same update to each of them.</item>
/// <item>Negatives are drawn from the unigram^0.75 distribution (one LCG step per draw); a draw equal to the centre
/// word is skipped. The C tool looks the draw up in a 1e8-entry table; this trainer draws from the same distribution by
/// the alias method (<see cref="NoiseDistribution"/>), whose table fits in the L2 cache, so a draw is not a trip to
/// main memory.</item>
/// <item>Learning rate: α = α₀·max(1 - words_done/(epochs·T + 1), 1e-4), refreshed every 10,000 words per thread, with
/// words_done counted over all threads: one linear decay over the whole run, the C tool's schedule. (gensim 4's
/// <c>corpus_file</c> path differs: each worker decays by its own share of the sentences, so with 2 workers an epoch
/// only goes half way down and the rate ends at α₀/(2·epochs); its <c>corpus_iterable</c> path decays globally, as
/// here. Trained with that per-worker schedule this trainer scored the same on the analogies; see
/// <c>bench/README.md</c>, word vectors, for the semantic-share comparison.)</item>
/// <item>Input vectors start uniform in [-0.5/d, 0.5/d] from the C tool's generator (seed 1 gives its exact start),
/// output vectors at zero. (gensim 4 starts them in [-1/d, 1/d]; trained that way, seed by seed, this trainer scored the
/// same on the analogies, and so did gensim's other departures from the C tool: an internal experiment switch,
/// <c>Word2VecVariant</c>, and <c>bench/README.md</c>, word vectors, issue 21.)</item>
/// <item>Lines are sentences (<see cref="TrainingCorpus"/>). The C tool reads each newline as a word <c>&lt;/s&gt;</c> that
/// ends the sentence and also counts it: in train_words (so its sub-sampling threshold t·T is higher by the number of
/// lines, 2 % on the benchmark corpus) and in its noise table (0.8 % of the mass there, redrawn uniformly when drawn).
/// This trainer leaves that token out.</item>
/// <item>The logistic is exact rather than the C tool's clipped table (see <see cref="SkipGram"/>).</item>
/// <item>Threads split the sentences into contiguous ranges of equal word counts and update shared vectors without
/// locks (Hogwild). With one thread the result depends only on the seed. Several threads are left as the C tool runs them
/// rather than made deterministic (private copies and a fixed merge would change the algorithm and the benchmark figures):
/// lecture 01 trains with one thread for that reason.</item>
/// <item>During training the rows are padded to the vector width (16 floats with AVX-512, 8 with AVX2) in 64-byte-aligned memory (see
/// <c>Kernels/Word2VecKernel.cs</c>); the model returned has plain <c>[V, d]</c> rows.</item>
/// </list>
/// The update itself has one home per architecture: <see cref="SkipGram.Step{T}"/> and <see cref="Cbow.Step{T}"/>, one
/// equation per line, which run when <see cref="Word2VecOptions.UseFastPath"/> is off. The fast tier runs the same update
/// on padded rows (<c>Kernels/Word2VecKernel.cs</c>, tested against them) and gives the same vectors for the same seed as
/// before the two tiers were split.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static unsafe class Word2Vec
{
    /// <summary>Trains a model on <paramref name="corpus"/>.</summary>
    /// <param name="corpus">Sentences as word ids.</param>
    /// <param name="options">Hyper-parameters; null uses the C tool's defaults.</param>
    /// <param name="progress">Receives reports about 4 times a second, on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The corpus is empty.</exception>
    public static Word2VecModel Train(TrainingCorpus corpus, Word2VecOptions? options = null, IProgress<Word2VecProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var o = options ?? new Word2VecOptions();
        o.Validate();
        if (corpus.TokenCount == 0) throw new ArgumentException("The corpus has no words.", nameof(corpus));
        int V = corpus.Vocabulary.Count, d = o.Dimension;
        var counts = new long[V];
        foreach (int id in corpus.Ids) counts[id]++;
        long trainWords = corpus.TokenCount;
        int D = Word2VecKernel.PaddedLength(d);
        var noise = new NoiseDistribution(counts);

        var shared = new Shared
        {
            Options = o, Corpus = corpus, D = D,
            Syn0 = AlignedRows(V, D), Syn1 = AlignedRows(V, D),
            Noise = noise.Columns,
            Keep = KeepProbabilities(counts, trainWords, o.Sample),
            TotalWords = o.Epochs * trainWords,
            Alpha0 = (float)o.StartingAlpha,
            Fast = o.UseFastPath,
        };
        var workers = new Thread[o.Threads];
        try
        {
            InitInput(shared.Syn0, V, d, D, o.Seed, o.Variant.InitRange);
            var clock = Stopwatch.StartNew();
            Exception? failure = null;
            if (OperatingSystem.IsBrowser() && o.Threads > 1)
                throw new PlatformNotSupportedException($"word2vec with {o.Threads} threads needs threads, which this runtime (the browser) does not have; use Threads: 1.");
            for (int t = 0; t < o.Threads; t++)
            {
                // Equal shares of words, not of sentences: a thread with more words would finish last and alone.
                int first = FirstSentenceAtOrAfter(corpus, trainWords * t / o.Threads), last = FirstSentenceAtOrAfter(corpus, trainWords * (t + 1) / o.Threads);
                ulong seed = (ulong)(uint)o.Seed * 0x9E3779B97F4A7C15UL + (ulong)t;
                if (OperatingSystem.IsBrowser())
                {
                    // The browser has one thread: the single worker runs here (the same updates as on its own thread), with progress at its end.
                    Worker(shared, first, last, seed);
                    continue;
                }
                workers[t] = new Thread(() =>
                {
                    try { Worker(shared, first, last, seed); }
                    catch (Exception e) { failure = e; }
                }) { IsBackground = true, Name = $"word2vec-{t}" };
                workers[t].Start();
            }
            while (!workers.All(w => w is null || w.Join(progress is null ? 1000 : 250)))
                progress?.Report(Report(shared, clock.Elapsed, o.Threads));
            if (failure is not null) throw new InvalidOperationException("A word2vec worker thread failed.", failure);
            var final = Report(shared, clock.Elapsed, o.Threads);
            progress?.Report(final);
            string desc = $"{(o.Architecture == Word2VecArchitecture.SkipGram ? "skip-gram" : "CBOW")}, window {o.Window}, {o.Negative} negatives, sample {o.Sample:G3}, {o.Epochs} epochs, {o.Threads} thread{(o.Threads == 1 ? "" : "s")}";
            return new Word2VecModel(corpus.Vocabulary, d, Unpad(shared.Syn0, V, d, D), Unpad(shared.Syn1, V, d, D), desc, clock.Elapsed, final.WordsPerSecondPerThread);
        }
        finally
        {
            foreach (var w in workers) if (w is not null && w.ThreadState != System.Threading.ThreadState.Unstarted) w.Join();   // no worker may outlive the rows
            NativeMemory.AlignedFree(shared.Syn0);
            NativeMemory.AlignedFree(shared.Syn1);
        }
    }

    private static int FirstSentenceAtOrAfter(TrainingCorpus corpus, long token)
    {
        int i = Array.BinarySearch(corpus.SentenceStarts, (int)token);
        return i >= 0 ? i : ~i;
    }

    private static Word2VecProgress Report(Shared s, TimeSpan elapsed, int threads)
    {
        long done = Interlocked.Read(ref s.WordsDone);
        double alpha = s.Alpha0 * Math.Max(1 - done / (double)(s.TotalWords + 1), 1e-4);
        return new Word2VecProgress(done, s.TotalWords, alpha, done / Math.Max(elapsed.TotalSeconds, 1e-9) / threads, elapsed);
    }

    private sealed class Shared
    {
        public required Word2VecOptions Options;
        public required TrainingCorpus Corpus;
        public required int D;
        public required float* Syn0, Syn1;
        public required float[] Keep;
        public required ulong[] Noise;
        public required long TotalWords;
        public required float Alpha0;
        public required bool Fast;
        public long WordsDone;

        // The rows as spans for the reference step (whole padded rows: the padding is zero and stays zero).
        public Span<float> Input => new(Syn0, checked(Corpus.Vocabulary.Count * D));
        public Span<float> Output => new(Syn1, checked(Corpus.Vocabulary.Count * D));
    }

    // Runs once per thread, so tiered compilation would leave it in its first tier: compile it optimized at once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Worker(Shared s, int firstSentence, int lastSentence, ulong next)
    {
        var o = s.Options;
        using var scratch = new WorkerScratch(s.D, o.Window, o.Negative);
        float alpha = s.Alpha0;
        long wordCount = 0, lastWordCount = 0;
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            if (o.Variant.Schedule == Word2VecSchedule.GensimPerWorker) alpha = NextAlpha(s, 0, epoch, 0);
            for (int si = firstSentence; si < lastSentence; si++)
            {
                if (wordCount - lastWordCount > 10000)
                {
                    long done = Interlocked.Add(ref s.WordsDone, wordCount - lastWordCount);
                    lastWordCount = wordCount;
                    alpha = NextAlpha(s, done, epoch, si - firstSentence);
                }
                int len = Subsample(s, si, scratch.Sentence, ref next, ref wordCount);
                if (o.Architecture == Word2VecArchitecture.Cbow) CbowSentence(s, scratch, len, alpha, ref next);
                else SkipGramSentence(s, scratch, len, alpha, ref next);
            }
        }
        Interlocked.Add(ref s.WordsDone, wordCount - lastWordCount);
    }

    private static float NextAlpha(Shared s, long done, int epoch, int sentences) =>
        LearningRate(s.Options.Variant, s.Alpha0, done, s.TotalWords, epoch + sentences / (double)s.Corpus.SentenceCount, s.Options.Epochs);

    /// <summary>The learning rate after <paramref name="done"/> of <paramref name="totalWords"/> words over all threads
    /// (the C tool's schedule, and gensim's global one), or, for gensim's per-worker schedule, at
    /// <paramref name="workerEpochs"/> = epoch + this worker's sentences so far over all sentences.</summary>
    internal static float LearningRate(Word2VecVariant v, float alpha0, long done, long totalWords, double workerEpochs, int epochs)
    {
        double a0 = alpha0, min = v.MinAlpha;
        return v.Schedule switch
        {
            Word2VecSchedule.GensimGlobal => (float)Math.Max(min, a0 - (a0 - min) * done / (double)totalWords),
            Word2VecSchedule.GensimPerWorker => (float)Math.Max(min, a0 - (a0 - min) * workerEpochs / epochs),
            _ => alpha0 * (float)Math.Max(1 - done / (double)(totalWords + 1), 1e-4),   // linear decay, floor α₀·1e-4
        };
    }

    /// <summary>The uniform number a sub-sampling draw compares with: the generator's 16 low bits (the C tool's
    /// <c>(next_random &amp; 0xFFFF) / 65536</c>) or, for gensim's variant, bits 16–47 (its <c>random_int32</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SubsampleUniform(ulong next, bool highBits) =>
        highBits ? (uint)(next >> 16) / 4294967296f : (next & 0xFFFF) / 65536f;

    // Copies sentence si into `sentence`, dropping each word with probability 1 - keep (one LCG step per word).
    private static int Subsample(Shared s, int si, int[] sentence, ref ulong next, ref long wordCount)
    {
        int[] ids = s.Corpus.Ids;
        bool sample = s.Options.Sample > 0, highBits = s.Options.Variant.SubsampleHighBits;
        int len = 0;
        for (int p = s.Corpus.SentenceStarts[si]; p < s.Corpus.SentenceStarts[si + 1]; p++)
        {
            int w = ids[p];
            wordCount++;
            if (sample)
            {
                next = next * 25214903917UL + 11;
                if (s.Keep[w] < SubsampleUniform(next, highBits)) continue;      // discard with 1 - keep probability
            }
            sentence[len++] = w;
        }
        return len;
    }

    // Skip-gram over one sentence. The pairs are planned first, drawing from the random stream in the C tool's order (each
    // position's window, then each pair's noise words). The draws do not depend on the vectors, so this changes no result;
    // it lets the fast tier fetch the rows of a later pair during this one. Then one dispatch per pair.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SkipGramSentence(Shared s, WorkerScratch w, int len, float alpha, ref ulong next)
    {
        int window = s.Options.Window, negative = s.Options.Negative, D = s.D, stride = w.PlanStride, pairs = 0;
        int* plan = w.Plan;
        for (int pos = 0; pos < len; pos++)
        {
            int word = w.Sentence[pos];
            next = next * 25214903917UL + 11;
            int b = (int)(next % (ulong)window);                              // dynamic window: use window - b
            for (int a = b; a < window * 2 + 1 - b; a++)
            {
                int c = pos - window + a;
                if (a == window || c < 0 || c >= len) continue;
                int* pair = plan + pairs++ * stride;                          // [context, count, targets...]
                pair[0] = w.Sentence[c];
                pair[1] = DrawTargets(ref next, s, word, negative, pair + 2);
            }
        }
        float* syn0 = s.Syn0, syn1 = s.Syn1;
        float saturation = s.Options.Variant.Saturation;
        for (int k = 0; k < pairs; k++)
        {
            int* pair = plan + k * stride;
            if (s.Fast)
            {
                if (k + 2 < pairs) PrefetchPair(pair + 2 * stride, syn0, syn1, D);    // two pairs ahead: measured best
                Word2VecKernel.SkipGramPair(syn0 + (nint)pair[0] * D, syn1, pair + 2, pair[1], alpha, w.E, D, saturation);
            }
            else SkipGram.StepSkippingSaturated(new Span<float>(syn0 + (nint)pair[0] * D, D), s.Output, new ReadOnlySpan<int>(pair + 2, pair[1]), alpha, new Span<float>(w.E, D), saturation);
        }
    }

    // CBOW over one sentence: per position, the window (one LCG step), the targets, then one dispatch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CbowSentence(Shared s, WorkerScratch w, int len, float alpha, ref ulong next)
    {
        int window = s.Options.Window, negative = s.Options.Negative, D = s.D;
        float* syn0 = s.Syn0, syn1 = s.Syn1, h = w.H, e = w.E;
        int* targets = w.Targets, context = w.Context;
        for (int pos = 0; pos < len; pos++)
        {
            int word = w.Sentence[pos];
            next = next * 25214903917UL + 11;
            int b = (int)(next % (ulong)window);                              // dynamic window: use window - b
            int cw = 0;
            for (int a = b; a < window * 2 + 1 - b; a++)
            {
                int c = pos - window + a;
                if (a == window || c < 0 || c >= len) continue;
                context[cw++] = w.Sentence[c];
            }
            if (cw == 0) continue;
            int n = DrawTargets(ref next, s, word, negative, targets);
            if (s.Fast) Word2VecKernel.CbowWindow(syn0, syn1, context, cw, targets, n, alpha, h, e, D);
            else Cbow.Step(s.Input, s.Output, new ReadOnlySpan<int>(context, cw), new ReadOnlySpan<int>(targets, n), alpha,
                new Span<float>(h, D), new Span<float>(e, D));
        }
    }

    // A worker's native scratch: the sentence after sub-sampling, the planned pairs, a window's context ids and targets,
    // and the two aligned rows h (CBOW's mean, the C tool's neu1) and e (neu1e).
    private sealed class WorkerScratch : IDisposable
    {
        public WorkerScratch(int D, int window, int negative)
        {
            PlanStride = negative + 3;
            Rows = AlignedRows(2, D);
            Plan = (int*)NativeMemory.Alloc((nuint)(TrainingCorpus.MaxSentenceLength * 2 * window) * (nuint)PlanStride, sizeof(int));
            Context = (int*)NativeMemory.Alloc((nuint)(2 * window), sizeof(int));
            Targets = (int*)NativeMemory.Alloc((nuint)(negative + 1), sizeof(int));
            H = Rows; E = Rows + D;
        }

        public readonly int[] Sentence = new int[TrainingCorpus.MaxSentenceLength];
        public readonly int PlanStride;
        public readonly int* Plan, Context, Targets;
        public readonly float* Rows, H, E;

        public void Dispose()
        {
            NativeMemory.AlignedFree(Rows);
            NativeMemory.Free(Plan);
            NativeMemory.Free(Context);
            NativeMemory.Free(Targets);
        }
    }

    // The observed word, then `negative` noise draws with those equal to it dropped (as the C tool skips them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DrawTargets(ref ulong next, Shared s, int word, int negative, int* targets)
    {
        ref ulong noise = ref MemoryMarshal.GetArrayDataReference(s.Noise);
        uint V = (uint)s.Noise.Length;
        int n = 0;
        targets[n++] = word;
        for (int k = 0; k < negative; k++)
        {
            next = next * 25214903917UL + 11;
            int target = NoiseDistribution.Draw(ref noise, V, next);
            if (target == word) continue;
            targets[n++] = target;
        }
        return n;
    }

    // The context row and the noise rows of a planned pair (the observed word's row is in cache: its window uses it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchPair(int* pair, float* syn0, float* syn1, int D)
    {
        Word2VecKernel.Prefetch(syn0 + (nint)pair[0] * D, D);
        for (int t = 1; t < pair[1]; t++) Word2VecKernel.Prefetch(syn1 + (nint)pair[2 + t] * D, D);
    }

    private static float* AlignedRows(int rows, int D)
    {
        nuint bytes = (nuint)rows * (nuint)D * sizeof(float);
        var p = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(p, bytes);
        return p;
    }

    private static float[] Unpad(float* rows, int V, int d, int D)
    {
        var m = new float[V * d];
        for (int w = 0; w < V; w++) new ReadOnlySpan<float>(rows + (nint)w * D, d).CopyTo(m.AsSpan(w * d, d));
        return m;
    }

    // Uniform in [-range/d, range/d) from the C tool's generator; range 0.5 is its (rand - 0.5)/d (the factor is then 1f, exact).
    internal static void InitInput(float* m, int V, int d, int D, int seed, double range)
    {
        float width = (float)(2 * range);
        ulong next = (ulong)(uint)seed;
        for (int w = 0; w < V; w++)
            for (int i = 0; i < d; i++)
            {
                next = next * 25214903917UL + 11;
                m[(nint)w * D + i] = ((next & 0xFFFF) / 65536f - 0.5f) * width / d;
            }
    }

    internal static float[] KeepProbabilities(long[] counts, long trainWords, double sample)
    {
        var keep = new float[counts.Length];
        double tT = sample * trainWords;
        for (int w = 0; w < counts.Length; w++)
            keep[w] = counts[w] == 0 || sample <= 0 ? 1f : (float)((Math.Sqrt(counts[w] / tT) + 1) * tT / counts[w]);
        return keep;
    }
}
