using System.Diagnostics;

namespace DeepNlp.WordVectors;

/// <summary>Skip-gram with the full softmax over the vocabulary, trained by plain SGD: the textbook model, for small vocabularies.</summary>
/// <remarks>
/// Every centre word c predicts each word o within <c>window</c> positions: J = -log softmax(U v_c)_o, with the gradient
/// of <see cref="Word2VecGradients.NaiveSoftmax{T}"/>. Each step costs O(V·d), so this is for teaching and for checking
/// against <see cref="Word2Vec"/> on toy corpora, not for real vocabularies. Pairs are visited in corpus order;
/// vectors start uniform in [-0.5/d, 0.5/d] (input) and at zero (output). Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class NaiveSoftmaxSkipGram
{
    /// <summary>Trains on a (small) corpus.</summary>
    /// <param name="corpus">Sentences as word ids.</param>
    /// <param name="dimension">Vector size d.</param>
    /// <param name="window">Context distance (fixed, no dynamic window).</param>
    /// <param name="epochs">Passes over the corpus.</param>
    /// <param name="learningRate">SGD step size.</param>
    /// <param name="seed">Seeds the initial vectors.</param>
    /// <param name="progress">Receives the mean loss after each epoch, on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or the vocabulary exceeds 20,000 words.</exception>
    public static Word2VecModel Train(TrainingCorpus corpus, int dimension = 10, int window = 2, int epochs = 20, double learningRate = 0.05, int seed = 1, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        int V = corpus.Vocabulary.Count, d = dimension;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(V, 20_000, nameof(corpus));
        var rng = new Random(seed);
        var vIn = new double[V * d];
        for (int i = 0; i < vIn.Length; i++) vIn[i] = (rng.NextDouble() - 0.5) / d;
        var U = new double[V * d];
        var dU = new double[V * d];
        var dv = new double[d];
        var probs = new double[V];
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        long words = 0;
        for (int e = 0; e < epochs; e++)
        {
            double total = 0;
            long pairs = 0;
            for (int s = 0; s < corpus.SentenceCount; s++)
            {
                int a = corpus.SentenceStarts[s], b = corpus.SentenceStarts[s + 1];
                for (int p = a; p < b; p++)
                {
                    words++;
                    var vc = vIn.AsSpan(corpus.Ids[p] * d, d);
                    for (int q = Math.Max(a, p - window); q <= Math.Min(b - 1, p + window); q++)
                    {
                        if (q == p) continue;
                        Array.Clear(dU);
                        Array.Clear(dv);
                        total += Word2VecGradients.NaiveSoftmax<double>(vc, U, corpus.Ids[q], dv, dU, probs);
                        pairs++;
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dv, -learningRate, vc, vc);    // v_c -= η ∂J/∂v_c
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dU, -learningRate, U, U);      // U -= η ∂J/∂U
                    }
                }
            }
            losses.Add(pairs == 0 ? 0 : total / pairs);
            progress?.Report(losses[^1]);
        }
        return new Word2VecModel(corpus.Vocabulary, d, vIn.Select(x => (float)x).ToArray(), U.Select(x => (float)x).ToArray(),
            $"naive-softmax skip-gram, window {window}, {epochs} epochs, SGD η={learningRate}", clock.Elapsed,
            words / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), losses);
    }
}
