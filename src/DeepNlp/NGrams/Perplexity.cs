using System.Diagnostics;

namespace DeepNlp.NGrams;

/// <summary>Evaluates n-gram models on held-out text: total log-probability, perplexity, per-token scores.</summary>
/// <remarks>Conventions (what counts as a token, how OOVs count) are on <see cref="PerplexityResult"/>.</remarks>
public static class Perplexity
{
    /// <summary>Scores every sentence and sums up.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sentences">Sentences as ids, without boundaries (words outside the vocabulary already mapped to &lt;unk&gt;).</param>
    /// <remarks>For a model whose scores are not normalised (stupid backoff) the figure is not a perplexity and is not
    /// comparable. A <see cref="ProbingModel"/> scores the sentences in batches on every core; the sums are taken in
    /// sentence order all the same, so the figures do not depend on the thread count.</remarks>
    public static PerplexityResult Evaluate(NGramModel model, IEnumerable<int[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        var clock = Stopwatch.StartNew();
        var sums = new Sums(model.Vocabulary.UnknownId);
        if (model is ProbingModel)
        {
            var list = sentences as IReadOnlyList<int[]> ?? sentences.ToList();
            int pieces = (int)Math.Clamp(list.Sum(s => (long)s.Length) / BatchWords, 1, list.Count == 0 ? 1 : list.Count);
            ScorePieces(model, pieces, p =>
            {
                int first = (int)((long)list.Count * p / pieces), next = (int)((long)list.Count * (p + 1) / pieces);
                return SentenceBatch.FromSentences(list, first, next - first);
            }, sums);
        }
        else
        {
            var buffer = new double[256];
            foreach (var s in sentences)
            {
                if (buffer.Length < s.Length + 1) buffer = new double[Math.Max(s.Length + 1, buffer.Length * 2)];
                model.ScoreSentence(s, buffer);
                sums.Add(s, buffer.AsSpan(0, s.Length + 1));
            }
        }
        return sums.Result(model, clock.Elapsed.TotalSeconds);
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
    /// the vocabulary are &lt;unk&gt;. A <see cref="ProbingModel"/> reads and scores the text in pieces of whole lines on
    /// every core; the sums are taken in text order all the same.</remarks>
    /// <exception cref="ArgumentException">A word is not in the vocabulary and the vocabulary has no &lt;unk&gt;.</exception>
    public static unsafe PerplexityResult EvaluateText(NGramModel model, ReadOnlySpan<byte> utf8, string source = "text")
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        var sums = new Sums(model.Vocabulary.UnknownId);
        SentenceBatch? failed;
        fixed (byte* text = utf8)
        {
            // Pieces of whole lines; a probing model reads and scores them on other threads, which cannot hold a span:
            // they get the pinned text's address.
            nint address = (nint)text;
            int length = utf8.Length, pieces = Math.Max(1, (int)((length + (long)BatchBytes - 1) / BatchBytes));
            failed = ScorePieces(model, pieces, p =>
            {
                var all = new ReadOnlySpan<byte>((void*)address, length);
                int from = LineStart(all, (int)((long)length * p / pieces)), to = LineStart(all, (int)((long)length * (p + 1) / pieces));
                return SentenceBatch.FromUtf8(all[from..to], from, model.Vocabulary);
            }, sums);
        }
        if (failed is not null)
        {
            int at = (int)failed.UnknownWordAt, lineNo = utf8[..at].Count((byte)'\n') + 1;
            var word = utf8[at..];
            int end = word.IndexOfAny(" \t\r\n"u8);
            throw new ArgumentException($"{source}:{lineNo}: word '{System.Text.Encoding.UTF8.GetString(end >= 0 ? word[..end] : word)}' is not in the vocabulary, which has no {Text.SpecialTokens.Unknown}.", nameof(utf8));
        }
        return sums.Result(model, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Words in a piece of sentences, and bytes in a piece of text (a probing model's unit of work on one thread).</summary>
    private const int BatchWords = 8192, BatchBytes = 48 * 1024;

    /// <summary>Pieces read and scored at a time before they are summed and dropped (bounds the memory for long texts).</summary>
    private const int PiecesPerRound = 64;

    /// <summary>Reads pieces 0 .. <paramref name="pieces"/>-1 with <paramref name="read"/>, scores them and adds them to
    /// <paramref name="sums"/> in order; a <see cref="ProbingModel"/> reads and scores a round of pieces on every core,
    /// any other model scores them one by one with <see cref="NGramModel.ScoreSentence"/>.</summary>
    /// <returns>The first piece that stopped at a word outside the vocabulary, or null.</returns>
    private static SentenceBatch? ScorePieces(NGramModel model, int pieces, Func<int, SentenceBatch> read, Sums sums)
    {
        var probing = model as ProbingModel;
        var batches = new SentenceBatch[Math.Min(pieces, PiecesPerRound)];
        for (int first = 0; first < pieces; first += batches.Length)
        {
            int round = first, count = Math.Min(batches.Length, pieces - first);
            if (probing is not null)
                Kernels.WorkerPool.ParallelFor(count, i =>
                {
                    var b = batches[i] = read(round + i);
                    if (b.UnknownWordAt < 0) probing.Score(b.Words, b.Starts, b.Scores);
                });
            for (int i = 0; i < count; i++)
            {
                var batch = probing is null ? read(round + i) : batches[i];
                if (batch.UnknownWordAt >= 0) return batch;
                if (probing is null)
                    for (int j = 0; j < batch.Count; j++)
                    {
                        var s = batch.Words[batch.Starts[j]..batch.Starts[j + 1]];
                        model.ScoreSentence(s, batch.Scores.AsSpan(batch.Starts[j] + j, s.Length + 1));
                    }
                sums.Add(batch);
            }
        }
        return null;
    }

    /// <summary>The first line start at or after byte <paramref name="at"/> (the text's length when there is none).</summary>
    private static int LineStart(ReadOnlySpan<byte> text, int at)
    {
        if (at <= 0) return 0;
        int eol = text[(at - 1)..].IndexOf((byte)'\n');
        return eol < 0 ? text.Length : at + eol;
    }

    /// <summary>The running totals, added token by token in text order (so a sum never depends on how the scoring was split).</summary>
    private sealed class Sums(int unk)
    {
        private double _total, _oovTotal;
        private long _tokens, _oovs, _zeros;
        private int _sentences;

        public void Add(ReadOnlySpan<int> words, ReadOnlySpan<double> scores)
        {
            for (int t = 0; t <= words.Length; t++)
            {
                double lp = scores[t];
                _total += lp;
                if (double.IsNegativeInfinity(lp)) _zeros++;
                if (t < words.Length && words[t] == unk) { _oovs++; _oovTotal += lp; }
            }
            _tokens += words.Length + 1;
            _sentences++;
        }

        public void Add(SentenceBatch batch)
        {
            var starts = batch.Starts;
            for (int j = 0; j < batch.Count; j++)
                Add(batch.Words[starts[j]..starts[j + 1]], batch.Scores.AsSpan(starts[j] + j, starts[j + 1] - starts[j] + 1));
        }

        public PerplexityResult Result(NGramModel model, double seconds) =>
            new($"{model.Name} {model.Order}-gram", _sentences, _tokens, _oovs, _total, _oovTotal, _zeros, seconds);
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
