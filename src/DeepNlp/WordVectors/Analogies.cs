using System.Numerics.Tensors;
using DeepNlp.Data;

namespace DeepNlp.WordVectors;

/// <summary>Solves and scores word analogies a : b :: c : d (Google analogy set) by 3CosAdd or 3CosMul.</summary>
/// <remarks>
/// As the C tool's compute-accuracy: only the <c>candidateWords</c> most frequent words (the first rows) take part,
/// a question with a word outside them is skipped and counted, a, b and c are never the answer, and matching ignores
/// case (the C tool upper-cases; here questions are lower-cased when <c>lowerCase</c> is set). Accuracy is over
/// answered questions. Scores use each needed word's cosine row against all candidates, computed once.
/// Taught in <c>notebooks/01_word_vectors.ipynb</c>.
/// </remarks>
public static class Analogies
{
    /// <summary>The candidate threshold compute-accuracy is usually run with.</summary>
    public const int DefaultCandidates = 30_000;

    /// <summary>The best answers to a : b :: c : ? (e.g. man : king :: woman : ?).</summary>
    /// <param name="embeddings">The vectors.</param>
    /// <param name="a">First word of the known pair.</param>
    /// <param name="b">Second word of the known pair.</param>
    /// <param name="c">First word of the query pair.</param>
    /// <param name="method">3CosAdd or 3CosMul.</param>
    /// <param name="k">How many answers.</param>
    /// <exception cref="KeyNotFoundException">A word has no vector.</exception>
    public static IReadOnlyList<Neighbour> Solve(WordEmbeddings embeddings, string a, string b, string c, AnalogyMethod method = AnalogyMethod.CosAdd, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        int n = embeddings.Count;
        var rows = new[] { a, b, c }.Select(w => embeddings.IndexOf(w) is int i and >= 0 ? i : throw new KeyNotFoundException($"'{w}' is not in the embedding set.")).ToArray();
        var cos = rows.Select(r => CosineRow(embeddings, r, n)).ToArray();
        var score = new float[n];
        Combine(method, cos[0], cos[1], cos[2], score);
        foreach (int r in rows) score[r] = float.NegativeInfinity;
        return Enumerable.Range(0, n).OrderByDescending(i => score[i]).ThenBy(i => i).Take(k)
            .Select(i => new Neighbour(embeddings.Words[i], score[i])).ToArray();
    }

    /// <summary>Scores a question set.</summary>
    /// <param name="embeddings">The vectors, most frequent word first.</param>
    /// <param name="questions">Questions with their category, a : b :: c : d (e.g. <c>Datasets.GoogleAnalogy.Load()</c>).</param>
    /// <param name="method">3CosAdd or 3CosMul.</param>
    /// <param name="candidateWords">Only the first this-many rows are known words and candidates (30,000 as usually run).</param>
    /// <param name="lowerCase">Lower-case the question words before lookup.</param>
    public static AnalogyReport Evaluate(WordEmbeddings embeddings, IEnumerable<AnalogyQuestion> questions,
        AnalogyMethod method = AnalogyMethod.CosAdd, int candidateWords = DefaultCandidates, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(questions);
        int n = Math.Min(candidateWords, embeddings.Count);
        int Id(string w)
        {
            int i = embeddings.IndexOf(lowerCase ? w.ToLowerInvariant() : w);
            return i < n ? i : -1;
        }
        var qs = questions.Select(q => (q.Category, Ids: new[] { Id(q.A), Id(q.B), Id(q.C), Id(q.D) })).ToList();
        var answerable = qs.Where(q => q.Ids.All(i => i >= 0)).ToList();
        var needed = answerable.SelectMany(q => q.Ids.Take(3)).Distinct().ToArray();
        var cos = new Dictionary<int, float[]>();
        var rows = new float[needed.Length][];
        Parallel.For(0, needed.Length, i => rows[i] = CosineRow(embeddings, needed[i], n));
        for (int i = 0; i < needed.Length; i++) cos[needed[i]] = rows[i];

        var correct = new bool[answerable.Count];
        Parallel.For(0, answerable.Count, () => new float[n], (qi, _, score) =>
        {
            var ids = answerable[qi].Ids;
            Combine(method, cos[ids[0]], cos[ids[1]], cos[ids[2]], score);
            score[ids[0]] = score[ids[1]] = score[ids[2]] = float.NegativeInfinity;
            correct[qi] = TensorPrimitives.IndexOfMax(score) == ids[3];
            return score;
        }, _ => { });

        var categories = new List<AnalogyCategoryResult>();
        var order = qs.Select(q => q.Category).Distinct().ToList();
        foreach (var cat in order)
        {
            int total = qs.Count(q => q.Category == cat);
            var idx = Enumerable.Range(0, answerable.Count).Where(i => answerable[i].Category == cat).ToList();
            categories.Add(new AnalogyCategoryResult(cat, !cat.StartsWith("gram", StringComparison.Ordinal), total, idx.Count, idx.Count(i => correct[i])));
        }
        return new AnalogyReport(method, n, categories);
    }

    private static float[] CosineRow(WordEmbeddings e, int row, int n)
    {
        var unit = e.UnitMatrix;
        int d = e.Dimension;
        var q = unit.AsSpan(row * d, d);
        var cos = new float[n];
        for (int i = 0; i < n; i++) cos[i] = TensorPrimitives.Dot(q, unit.AsSpan(i * d, d));
        return cos;
    }

    private static void Combine(AnalogyMethod method, float[] ca, float[] cb, float[] cc, Span<float> score)
    {
        if (method == AnalogyMethod.CosAdd)
        {
            // cos(d, b - a + c) ∝ cos(d,b) - cos(d,a) + cos(d,c) for unit vectors; the norm of b - a + c does not change the argmax
            TensorPrimitives.Subtract(cb, ca, score);
            TensorPrimitives.Add(score, cc, score);
            return;
        }
        for (int i = 0; i < score.Length; i++)
            score[i] = (cb[i] + 1) / 2 * ((cc[i] + 1) / 2) / ((ca[i] + 1) / 2 + 1e-3f);
    }
}
