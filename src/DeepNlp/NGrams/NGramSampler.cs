namespace DeepNlp.NGrams;

/// <summary>Generates text from an n-gram model and lists likely next words.</summary>
/// <remarks>
/// Sampling draws each word from P(· | context)^(1/T), renormalised, optionally restricted to the k most likely words;
/// T → 0 approaches greedy decoding, T = 1 samples the model itself. Generated text is locally fluent but drifts:
/// nothing beyond the last N−1 words is remembered (<c>notebooks/03_ngram_language_models.ipynb</c>).
/// </remarks>
public static class NGramSampler
{
    /// <summary>Samples one sentence.</summary>
    /// <param name="model">A normalised model.</param>
    /// <param name="seed">Seed of the random generator (same seed, same text).</param>
    /// <param name="maxWords">Stop after this many words if &lt;/s&gt; has not come.</param>
    /// <param name="temperature">T &gt; 0; 0 means always take the most likely word.</param>
    /// <param name="topK">Sample among the k most likely words only; 0 for all.</param>
    /// <param name="prompt">Words that start the sentence (after &lt;s&gt;).</param>
    /// <param name="allowUnknown">Whether &lt;unk&gt; may be generated.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative temperature, topK or maxWords.</exception>
    public static GeneratedText Generate(NGramModel model, int seed, int maxWords = 30, double temperature = 1.0, int topK = 0,
        IEnumerable<string>? prompt = null, bool allowUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(maxWords);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        if (!(temperature >= 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be 0 or more.");
        var v = model.Vocabulary;
        var random = new Random(seed);
        var context = new List<int> { v.BeginId };
        var words = new List<string>();
        foreach (var p in prompt ?? []) { context.Add(v[p]); words.Add(v[v[p]]); }
        var dist = new double[v.Count];
        var sorted = topK > 0 ? new double[v.Count] : null;
        while (words.Count < maxWords)
        {
            int start = Math.Max(0, context.Count - (model.Order - 1));
            model.Distribution(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(context)[start..], dist);
            if (!allowUnknown && v.UnknownId >= 0) dist[v.UnknownId] = 0;
            int next = Draw(dist, temperature, topK, sorted, random);
            if (next < 0 || next == v.EndId) return new GeneratedText(words, next == v.EndId);
            context.Add(next);
            words.Add(v[next]);
        }
        return new GeneratedText(words, false);
    }

    /// <summary>The <paramref name="count"/> most likely next words after a context, with their probabilities.</summary>
    /// <param name="model">The model.</param>
    /// <param name="context">Words already seen; a sentence start (&lt;s&gt;) is added in front unless <paramref name="sentenceStart"/> is false.</param>
    /// <param name="count">How many words to list.</param>
    /// <param name="sentenceStart">Whether the context begins a sentence.</param>
    public static NextWordTable MostLikelyNext(NGramModel model, IEnumerable<string> context, int count = 10, bool sentenceStart = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(context);
        var words = context.ToList();
        var ids = new List<int>();
        if (sentenceStart) ids.Add(model.Vocabulary.BeginId);
        ids.AddRange(words.Select(w => model.Vocabulary[w]));
        var dist = model.Distribution(ids.ToArray());
        var top = Enumerable.Range(0, dist.Length).Where(w => dist[w] > 0)
            .OrderByDescending(w => dist[w]).ThenBy(w => w).Take(count)
            .Select(w => new NextWord(model.Vocabulary[w], dist[w])).ToList();
        return new NextWordTable(string.Join(' ', words), $"{model.Name} {model.Order}-gram", top);
    }

    /// <summary>Draws an index from weights p^(1/T), restricted to the top k; -1 if every weight is 0.</summary>
    private static int Draw(double[] p, double temperature, int topK, double[]? sorted, Random random)
    {
        double threshold = 0;
        if (topK > 0 && topK < p.Length)
        {
            p.CopyTo(sorted!, 0);
            Array.Sort(sorted!);
            threshold = sorted![p.Length - topK];
        }
        if (temperature == 0)
        {
            int best = -1;
            for (int i = 0; i < p.Length; i++) if (p[i] > 0 && (best < 0 || p[i] > p[best])) best = i;
            return best;
        }
        double total = 0;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = p[i] > 0 && p[i] >= threshold ? Math.Pow(p[i], 1 / temperature) : 0;
            total += p[i];
        }
        if (total <= 0) return -1;
        double u = random.NextDouble() * total;
        for (int i = 0; i < p.Length; i++)
        {
            u -= p[i];
            if (u < 0 && p[i] > 0) return i;
        }
        for (int i = p.Length - 1; i >= 0; i--) if (p[i] > 0) return i;
        return -1;
    }
}
