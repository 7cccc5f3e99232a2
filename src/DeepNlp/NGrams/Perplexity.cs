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

    /// <summary>Scores a text file of one sentence per line, read as UTF-8 bytes (KenLM <c>query</c>'s input).</summary>
    /// <remarks>See <see cref="EvaluateText(NGramModel, ReadOnlySpan{byte}, string)"/>.</remarks>
    /// <exception cref="ArgumentException">A word is not in the vocabulary and the vocabulary has no &lt;unk&gt;.</exception>
    public static PerplexityResult EvaluateFile(NGramModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        var clock = Stopwatch.StartNew();
        var result = EvaluateText(model, File.ReadAllBytes(path), path);
        return result with { Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Scores UTF-8 text of one sentence per line, words separated by spaces or tabs, as KenLM's <c>query</c>
    /// reads its input: no tokenising beyond the split, each word looked up from its bytes (no string is made).</summary>
    /// <param name="model">The model.</param>
    /// <param name="utf8">The text. Lines end with '\n' (a '\r' before it is whitespace); blank lines are skipped (as
    /// <see cref="NGramText.Sentences"/> skips them; <c>query</c> would score a lone &lt;/s&gt; for each).</param>
    /// <param name="source">Names the text in error messages.</param>
    /// <remarks>The same figures as <see cref="Evaluate(NGramModel, IEnumerable{int[]})"/> on the same words; words outside
    /// the vocabulary are &lt;unk&gt;.</remarks>
    /// <exception cref="ArgumentException">A word is not in the vocabulary and the vocabulary has no &lt;unk&gt;.</exception>
    public static PerplexityResult EvaluateText(NGramModel model, ReadOnlySpan<byte> utf8, string source = "text")
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        var table = model.Vocabulary.Utf8;
        int unk = model.Vocabulary.UnknownId;
        double total = 0, oovTotal = 0;
        long tokens = 0, oovs = 0, zeros = 0;
        int count = 0, lineNo = 0;
        var ids = new int[256];
        var buffer = new double[257];
        while (utf8.Length > 0)
        {
            lineNo++;
            int eol = utf8.IndexOf((byte)'\n');
            var line = eol >= 0 ? utf8[..eol] : utf8;
            utf8 = eol >= 0 ? utf8[(eol + 1)..] : default;
            int n = 0;
            while (true)
            {
                int start = line.IndexOfAnyExcept(" \t\r"u8);
                if (start < 0) break;
                line = line[start..];
                int end = line.IndexOfAny(" \t\r"u8);
                var word = end >= 0 ? line[..end] : line;
                line = end >= 0 ? line[end..] : default;
                int id = table.IdOrDefault(word, unk);
                if (id < 0) throw new ArgumentException($"{source}:{lineNo}: word '{System.Text.Encoding.UTF8.GetString(word)}' is not in the vocabulary, which has no {Text.SpecialTokens.Unknown}.", nameof(utf8));
                if (n == ids.Length)
                {
                    Array.Resize(ref ids, 2 * n);
                    buffer = new double[2 * n + 1];
                }
                ids[n++] = id;
            }
            if (n == 0) continue;
            var s = ids.AsSpan(0, n);
            model.ScoreSentence(s, buffer);
            for (int t = 0; t <= n; t++)
            {
                double lp = buffer[t];
                total += lp;
                if (double.IsNegativeInfinity(lp)) zeros++;
                if (t < n && s[t] == unk) { oovs++; oovTotal += lp; }
            }
            tokens += n + 1;
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
