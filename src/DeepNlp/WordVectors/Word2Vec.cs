using System.Diagnostics;

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
/// <item>Negatives are drawn from a unigram^0.75 table (index from the bits <c>rand &gt;&gt; 16</c>); a draw equal to the
/// centre word is skipped. The C tool's table has 1e8 entries (index <c>% 1e8</c>); this one has 1000·V rounded up to a
/// power of two, between 2^20 and 2^23 entries (each word's share is exact to 1/size, 32 MB at most), indexed by a mask.</item>
/// <item>Learning rate: α = α₀·max(1 - words_done/(epochs·T + 1), 1e-4), refreshed every 10,000 words per thread.</item>
/// <item>Input vectors start uniform in [-0.5/d, 0.5/d], output vectors at zero.</item>
/// <item>The logistic is exact rather than the C tool's clipped table (see <see cref="Word2VecGradients"/>).</item>
/// <item>Threads split the sentences into contiguous ranges and update shared vectors without locks (Hogwild). With
/// one thread the result depends only on the seed.</item>
/// </list>
/// The inner step is <see cref="Word2VecGradients.NegativeSamplingStep{T}"/>, the same code the gradient tests check.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class Word2Vec
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

        var shared = new Shared
        {
            Options = o, Corpus = corpus, D = d,
            Syn0 = InitInput(V, d, o.Seed),
            Syn1 = new float[V * d],
            Table = UnigramTable(counts),
            Keep = KeepProbabilities(counts, trainWords, o.Sample),
            TotalWords = o.Epochs * trainWords,
            Alpha0 = (float)o.StartingAlpha,
        };

        var clock = Stopwatch.StartNew();
        var workers = new Thread[o.Threads];
        Exception? failure = null;
        for (int t = 0; t < o.Threads; t++)
        {
            int first = (int)((long)corpus.SentenceCount * t / o.Threads), last = (int)((long)corpus.SentenceCount * (t + 1) / o.Threads);
            ulong seed = (ulong)(uint)o.Seed * 0x9E3779B97F4A7C15UL + (ulong)t;
            workers[t] = new Thread(() =>
            {
                try { Worker(shared, first, last, seed); }
                catch (Exception e) { failure = e; }
            }) { IsBackground = true, Name = $"word2vec-{t}" };
            workers[t].Start();
        }
        while (!workers.All(w => w.Join(progress is null ? 1000 : 250)))
            progress?.Report(Report(shared, clock.Elapsed, o.Threads));
        if (failure is not null) throw new InvalidOperationException("A word2vec worker thread failed.", failure);
        var final = Report(shared, clock.Elapsed, o.Threads);
        progress?.Report(final);
        string desc = $"{(o.Architecture == Word2VecArchitecture.SkipGram ? "skip-gram" : "CBOW")}, window {o.Window}, {o.Negative} negatives, sample {o.Sample:G3}, {o.Epochs} epochs, {o.Threads} thread{(o.Threads == 1 ? "" : "s")}";
        return new Word2VecModel(corpus.Vocabulary, d, shared.Syn0, shared.Syn1, desc, clock.Elapsed, final.WordsPerSecondPerThread);
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
        public required float[] Syn0, Syn1, Keep;
        public required int[] Table;
        public required long TotalWords;
        public required float Alpha0;
        public long WordsDone;
    }

    // Runs once per thread, so tiered compilation would leave it in its first tier: compile it optimized at once.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Worker(Shared s, int firstSentence, int lastSentence, ulong next)
    {
        var o = s.Options;
        int d = s.D, window = o.Window, negative = o.Negative;
        bool cbow = o.Architecture == Word2VecArchitecture.Cbow, sample = o.Sample > 0;
        int[] ids = s.Corpus.Ids, starts = s.Corpus.SentenceStarts, table = s.Table;
        float[] syn0 = s.Syn0, syn1 = s.Syn1, keep = s.Keep;
        var neu1 = new float[d];
        var neu1e = new float[d];
        var sen = new int[TrainingCorpus.MaxSentenceLength];
        float alpha = s.Alpha0;
        long wordCount = 0, lastWordCount = 0;

        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            for (int si = firstSentence; si < lastSentence; si++)
            {
                if (wordCount - lastWordCount > 10000)
                {
                    long done = Interlocked.Add(ref s.WordsDone, wordCount - lastWordCount);
                    lastWordCount = wordCount;
                    alpha = s.Alpha0 * (float)Math.Max(1 - done / (double)(s.TotalWords + 1), 1e-4);   // linear decay, floor α₀·1e-4
                }
                int len = 0;
                for (int p = starts[si]; p < starts[si + 1]; p++)
                {
                    int w = ids[p];
                    wordCount++;
                    if (sample)
                    {
                        next = next * 25214903917UL + 11;
                        if (keep[w] < (next & 0xFFFF) / 65536f) continue;      // discard with 1 - keep probability
                    }
                    sen[len++] = w;
                }
                for (int pos = 0; pos < len; pos++)
                {
                    int word = sen[pos];
                    next = next * 25214903917UL + 11;
                    int b = (int)(next % (ulong)window);                          // dynamic window: use window - b
                    if (cbow)
                    {
                        Array.Clear(neu1);
                        Array.Clear(neu1e);
                        int cw = 0;
                        for (int a = b; a < window * 2 + 1 - b; a++)
                        {
                            if (a == window) continue;
                            int c = pos - window + a;
                            if (c < 0 || c >= len) continue;
                            System.Numerics.Tensors.TensorPrimitives.Add(neu1, syn0.AsSpan(sen[c] * d, d), neu1);
                            cw++;
                        }
                        if (cw == 0) continue;
                        System.Numerics.Tensors.TensorPrimitives.Multiply(neu1, 1f / cw, neu1);   // h = mean of context vectors
                        Targets(ref next, word, neu1, neu1e, syn1, table, d, negative, alpha);
                        for (int a = b; a < window * 2 + 1 - b; a++)
                        {
                            if (a == window) continue;
                            int c = pos - window + a;
                            if (c < 0 || c >= len) continue;
                            var v = syn0.AsSpan(sen[c] * d, d);
                            System.Numerics.Tensors.TensorPrimitives.Add(v, neu1e, v);
                        }
                    }
                    else
                    {
                        for (int a = b; a < window * 2 + 1 - b; a++)
                        {
                            if (a == window) continue;
                            int c = pos - window + a;
                            if (c < 0 || c >= len) continue;
                            var v = syn0.AsSpan(sen[c] * d, d);
                            Array.Clear(neu1e);
                            Targets(ref next, word, v, neu1e, syn1, table, d, negative, alpha);
                            System.Numerics.Tensors.TensorPrimitives.Add(v, neu1e, v);     // v += Σ g u
                        }
                    }
                }
            }
        }
        Interlocked.Add(ref s.WordsDone, wordCount - lastWordCount);
    }

    // The positive target and `negative` noise words for one hidden vector h.
    private static void Targets(ref ulong next, int word, ReadOnlySpan<float> h, Span<float> neu1e, float[] syn1, int[] table, int d, int negative, float alpha)
    {
        Word2VecGradients.NegativeSamplingStep(h, syn1.AsSpan(word * d, d), 1f, alpha, neu1e);
        for (int k = 0; k < negative; k++)
        {
            next = next * 25214903917UL + 11;
            int target = table[(int)((next >> 16) & (ulong)(table.Length - 1))];
            if (target == word) continue;
            Word2VecGradients.NegativeSamplingStep(h, syn1.AsSpan(target * d, d), 0f, alpha, neu1e);
        }
    }

    private static float[] InitInput(int V, int d, int seed)
    {
        var m = new float[V * d];
        ulong next = (ulong)(uint)seed;
        for (int i = 0; i < m.Length; i++)
        {
            next = next * 25214903917UL + 11;
            m[i] = ((next & 0xFFFF) / 65536f - 0.5f) / d;
        }
        return m;
    }

    internal static float[] KeepProbabilities(long[] counts, long trainWords, double sample)
    {
        var keep = new float[counts.Length];
        double tT = sample * trainWords;
        for (int w = 0; w < counts.Length; w++)
            keep[w] = counts[w] == 0 || sample <= 0 ? 1f : (float)((Math.Sqrt(counts[w] / tT) + 1) * tT / counts[w]);
        return keep;
    }

    /// <summary>The unigram^0.75 table, filled as the C tool's InitUnigramTable does.</summary>
    internal static int[] UnigramTable(long[] counts)
    {
        int V = counts.Length;
        // a power of two, so that a draw is a mask rather than a 64-bit division
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(1000L * V, 1 << 20, 1 << 23));
        var table = new int[size];
        double total = 0;
        foreach (long c in counts) total += Math.Pow(c, 0.75);
        int i = 0;
        double d1 = Math.Pow(counts[0], 0.75) / total;
        for (int a = 0; a < size; a++)
        {
            table[a] = i;
            if (a / (double)size > d1 && i < V - 1)
            {
                i++;
                d1 += Math.Pow(counts[i], 0.75) / total;
            }
        }
        return table;
    }
}
