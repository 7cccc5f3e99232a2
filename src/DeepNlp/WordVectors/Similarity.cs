using System.Numerics.Tensors;
using DeepNlp.Data;

namespace DeepNlp.WordVectors;

/// <summary>Scores word vectors on a human similarity benchmark (WordSim-353, SimLex-999) by Spearman correlation.</summary>
/// <remarks>Pairs with an out-of-vocabulary word are skipped and counted. Taught in <c>notebooks/01_word_vectors.ipynb</c>.</remarks>
public static class Similarity
{
    /// <summary>Spearman correlation between cosine similarity and the human scores.</summary>
    /// <param name="embeddings">The vectors.</param>
    /// <param name="pairs">Word pairs with human scores.</param>
    /// <param name="name">Benchmark name for the report.</param>
    /// <param name="lowerCase">Lower-case the words before lookup.</param>
    public static SimilarityReport Evaluate(WordEmbeddings embeddings, IEnumerable<SimilarityPair> pairs, string name = "similarity", bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(pairs);
        var all = pairs.ToList();
        var human = new List<double>();
        var model = new List<double>();
        foreach (var (w1, w2, score) in all)
        {
            string a = lowerCase ? w1.ToLowerInvariant() : w1, b = lowerCase ? w2.ToLowerInvariant() : w2;
            if (!embeddings.Contains(a) || !embeddings.Contains(b)) continue;
            human.Add(score);
            model.Add(TensorPrimitives.CosineSimilarity(embeddings[a], embeddings[b]));
        }
        return new SimilarityReport(name, all.Count, human.Count, Spearman(human, model));
    }

    /// <summary>Spearman's ρ: the Pearson correlation of the ranks, ties given their mean rank (NaN for fewer than 2 points).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException("Both series need the same length.", nameof(y));
        if (x.Count < 2) return double.NaN;
        return Pearson(Ranks(x), Ranks(y));
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var r = new double[v.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]]) j++;
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = mean;
            i = j + 1;
        }
        return r;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }
}
