using DeepNlp.Numerics;

namespace DeepNlp.Sampling;

/// <summary>Text generation from an autoregressive model: greedy, temperature, top-k, nucleus (top-p), beam search.</summary>
/// <remarks>
/// Every sampler takes a prompt (priming: its tokens are fed first, their predictions ignored except the last) and, when
/// random, a seed, so the same call gives the same text. Taught in notebooks/08_rnns_in_practice.ipynb (sampling, and
/// beam search for the encoder–decoder).
/// </remarks>
public static class Samplers
{
    /// <summary>Always takes the most probable next token.</summary>
    /// <param name="model">The model.</param>
    /// <param name="prompt">Token ids fed first (at least one, e.g. a start symbol).</param>
    /// <param name="length">Tokens to generate.</param>
    /// <param name="stopToken">Stop after generating this token (it is included), or -1.</param>
    /// <returns>The generated ids, prompt excluded.</returns>
    /// <exception cref="ArgumentException">The prompt is empty.</exception>
    public static int[] Greedy(IAutoregressiveModel model, IReadOnlyList<int> prompt, int length, int stopToken = -1) =>
        Generate(model, prompt, length, stopToken, logits => ArgMax(logits));

    /// <summary>Samples each next token from softmax(logits / temperature), optionally restricted to the top k tokens or to
    /// the smallest set whose probability reaches p (nucleus sampling, Holtzman et al. 2020).</summary>
    /// <param name="model">The model.</param>
    /// <param name="prompt">Token ids fed first.</param>
    /// <param name="length">Tokens to generate.</param>
    /// <param name="seed">Seed; the same seed gives the same text.</param>
    /// <param name="temperature">τ &gt; 0: below 1 sharpens, above 1 flattens.</param>
    /// <param name="topK">Keep only the k most probable tokens (0 = all).</param>
    /// <param name="topP">Keep the most probable tokens up to cumulative probability p (1 = all).</param>
    /// <param name="stopToken">Stop after this token, or -1.</param>
    /// <exception cref="ArgumentOutOfRangeException">τ ≤ 0, k &lt; 0 or p outside (0, 1].</exception>
    public static int[] Sample(IAutoregressiveModel model, IReadOnlyList<int> prompt, int length, int seed,
        double temperature = 1.0, int topK = 0, double topP = 1.0, int stopToken = -1)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), $"Temperature must be positive, got {temperature}.");
        if (topK < 0) throw new ArgumentOutOfRangeException(nameof(topK), $"topK must be ≥ 0, got {topK}.");
        if (!(topP > 0 && topP <= 1)) throw new ArgumentOutOfRangeException(nameof(topP), $"topP must be in (0, 1], got {topP}.");
        var rng = new Random(seed);
        return Generate(model, prompt, length, stopToken, logits => Draw(Distribution(logits, temperature, topK, topP), rng));
    }

    /// <summary>The next-token distribution after temperature, top-k and top-p filtering (renormalised).</summary>
    public static double[] Distribution(double[] logits, double temperature = 1.0, int topK = 0, double topP = 1.0)
    {
        var scaled = logits.Select(z => z / temperature).ToArray();
        var p = new double[scaled.Length];
        Ops.Softmax<double>(scaled, p);
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).ToArray();
        int keep = topK > 0 ? Math.Min(topK, p.Length) : p.Length;
        if (topP < 1)
        {
            double cumulative = 0; int n = 0;
            while (n < keep) { cumulative += p[order[n]]; n++; if (cumulative >= topP) break; }
            keep = n;
        }
        var q = new double[p.Length];
        double sum = 0;
        for (int r = 0; r < keep; r++) { q[order[r]] = p[order[r]]; sum += p[order[r]]; }
        for (int i = 0; i < q.Length; i++) q[i] /= sum;
        return q;
    }

    /// <summary>Beam search: keeps the <paramref name="width"/> best partial sequences by total log-probability and returns
    /// the best finished one, ranked by log p / length^α (Wu et al. 2016's length normalisation without the +5 offset).</summary>
    /// <param name="model">The model.</param>
    /// <param name="prompt">Token ids fed first.</param>
    /// <param name="maxLength">Longest continuation.</param>
    /// <param name="width">Beam width (1 equals greedy decoding).</param>
    /// <param name="stopToken">A hypothesis ending in this token is finished, or -1 for none.</param>
    /// <param name="lengthPenalty">α: 0 ranks by raw log-probability, 1 by log-probability per token.</param>
    /// <exception cref="ArgumentOutOfRangeException">width &lt; 1.</exception>
    public static BeamHypothesis BeamSearch(IAutoregressiveModel model, IReadOnlyList<int> prompt, int maxLength, int width,
        int stopToken = -1, double lengthPenalty = 1.0)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), $"Beam width must be ≥ 1, got {width}.");
        var (state, logits) = Prime(model, prompt);
        // The kit's one beam search, in its textbook form: finished hypotheses use up beam slots, the stop token is kept.
        return Sampling.BeamSearch.Run(model, state, logits, stopToken, width, maxLength, LengthPenalty.Average, lengthPenalty,
            refill: false, keepEndToken: true)[0];
    }

    private static int[] Generate(IAutoregressiveModel model, IReadOnlyList<int> prompt, int length, int stopToken, Func<double[], int> choose)
    {
        var (state, logits) = Prime(model, prompt);
        var output = new List<int>(length);
        for (int i = 0; i < length; i++)
        {
            int token = choose(logits);
            output.Add(token);
            if (token == stopToken || i == length - 1) break;
            logits = model.Step(state, token, out state);
        }
        return [.. output];
    }

    private static (object State, double[] Logits) Prime(IAutoregressiveModel model, IReadOnlyList<int> prompt)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (prompt is null || prompt.Count == 0) throw new ArgumentException("The prompt needs at least one token (e.g. a start symbol).", nameof(prompt));
        var state = model.InitialState();
        double[] logits = [];
        foreach (int t in prompt) logits = model.Step(state, t, out state);
        return (state, logits);
    }

    private static int ArgMax(double[] x)
    {
        int best = 0;
        for (int i = 1; i < x.Length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static int Draw(double[] p, Random rng)
    {
        double u = rng.NextDouble(), c = 0;
        for (int i = 0; i < p.Length; i++) { c += p[i]; if (u < c) return i; }
        for (int i = p.Length - 1; i >= 0; i--) if (p[i] > 0) return i;
        return p.Length - 1;
    }
}
