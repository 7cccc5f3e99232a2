using System.Diagnostics;

namespace DeepNlp.NGrams;

/// <summary>Evaluates n-gram models on held-out text: total log-probability, perplexity, per-token scores.</summary>
/// <remarks>Conventions (what counts as a token, how OOVs count) are on <see cref="PerplexityResult"/>.</remarks>
public static class Perplexity
{
    /// <summary>Scores every sentence and sums up.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sentences">Sentences as ids, without boundaries (words outside the vocabulary already mapped to &lt;unk&gt;).</param>
    /// <remarks>For a model whose scores are not normalised (stupid backoff) the figure is not a perplexity and is not comparable.</remarks>
    public static PerplexityResult Evaluate(NGramModel model, IEnumerable<int[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        var clock = Stopwatch.StartNew();
        int unk = model.Vocabulary.UnknownId;
        double total = 0, oovTotal = 0;
        long tokens = 0, oovs = 0, zeros = 0;
        int count = 0;
        var buffer = new double[256];
        foreach (var s in sentences)
        {
            if (buffer.Length < s.Length + 1) buffer = new double[Math.Max(s.Length + 1, buffer.Length * 2)];
            model.ScoreSentence(s, buffer);
            for (int t = 0; t <= s.Length; t++)
            {
                double lp = buffer[t];
                total += lp;
                if (double.IsNegativeInfinity(lp)) zeros++;
                if (t < s.Length && s[t] == unk) { oovs++; oovTotal += lp; }
            }
            tokens += s.Length + 1;
            count++;
        }
        return new PerplexityResult($"{model.Name} {model.Order}-gram", count, tokens, oovs, total, oovTotal, zeros, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The score of each predicted token of one sentence (its words, then &lt;/s&gt;), for inspection.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sentence">Word ids, without boundaries.</param>
    public static IReadOnlyList<TokenScore> ScoreTokens(NGramModel model, int[] sentence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentence);
        var scores = new double[sentence.Length + 1];
        model.ScoreSentence(sentence, scores);
        var v = model.Vocabulary;
        var result = new TokenScore[scores.Length];
        for (int t = 0; t < scores.Length; t++)
        {
            int id = t < sentence.Length ? sentence[t] : v.EndId;
            result[t] = new TokenScore(v[id], scores[t], id == v.UnknownId);
        }
        return result;
    }

    /// <summary>Per-token scores of a tokenised sentence (tokens outside the vocabulary become &lt;unk&gt;).</summary>
    public static IReadOnlyList<TokenScore> ScoreTokens(NGramModel model, IEnumerable<string> sentence) =>
        ScoreTokens(model, model.Vocabulary.Encode(sentence));
}
