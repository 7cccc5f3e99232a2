using DeepNlp.Text;

namespace DeepNlp.NGrams;

/// <summary>Sentences as one flat array of word ids with their start offsets, and a slot for each predicted token's
/// score: what <see cref="Perplexity"/> hands to a scorer, and then sums in order.</summary>
/// <remarks>Sentence j is <see cref="Words"/>[Starts[j] .. Starts[j+1]); its scores, words then &lt;/s&gt;, are
/// <see cref="Scores"/>[Starts[j] + j .. Starts[j+1] + j].</remarks>
internal sealed class SentenceBatch
{
    private int[] _words;
    private int[] _starts;   // [0 .. Count]: starts of the closed sentences, then the open one's
    private int _open;       // end of the open sentence's words

    private SentenceBatch(int wordCapacity, int sentenceCapacity)
    {
        _words = new int[Math.Max(16, wordCapacity)];
        _starts = new int[Math.Max(16, sentenceCapacity + 1)];
    }

    /// <summary>Number of sentences.</summary>
    public int Count { get; private set; }

    /// <summary>Number of words (without the &lt;/s&gt; of each sentence).</summary>
    public int WordCount => _starts[Count];

    /// <summary>The words of all sentences.</summary>
    public ReadOnlySpan<int> Words => _words.AsSpan(0, WordCount);

    /// <summary>[Count + 1] offsets into <see cref="Words"/>.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count + 1);

    /// <summary>[WordCount + Count] log10 scores, filled by the scorer.</summary>
    public double[] Scores { get; private set; } = [];

    /// <summary>Where the first word outside a vocabulary without &lt;unk&gt; starts (byte offset in the whole text), or -1.</summary>
    public long UnknownWordAt { get; private set; } = -1;

    /// <summary>The given sentences, copied back to back.</summary>
    public static SentenceBatch FromSentences(IReadOnlyList<int[]> sentences, int first, int count)
    {
        long words = 0;
        for (int j = first; j < first + count; j++) words += sentences[j].Length;
        var batch = new SentenceBatch((int)Math.Min(int.MaxValue, words), count);
        for (int j = first; j < first + count; j++) batch.Add(sentences[j]);
        batch.Scores = new double[batch.WordCount + batch.Count];
        return batch;
    }

    /// <summary>Reads UTF-8 text of one sentence per line as KenLM's <c>query</c> reads it: words separated by spaces or
    /// tabs ('\r' counts as a space), each looked up from its bytes; blank lines are skipped; a word outside the
    /// vocabulary is &lt;unk&gt;, or, when there is none, stops the reading (<see cref="UnknownWordAt"/>).</summary>
    /// <param name="utf8">Whole lines.</param>
    /// <param name="offset">Where <paramref name="utf8"/> starts in the whole text (for <see cref="UnknownWordAt"/>).</param>
    /// <param name="vocabulary">The model's vocabulary.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static SentenceBatch FromUtf8(ReadOnlySpan<byte> utf8, long offset, Vocabulary vocabulary)
    {
        var table = vocabulary.Utf8;
        int unk = vocabulary.UnknownId;
        var batch = new SentenceBatch(utf8.Length / 5, utf8.Length / 200);   // about 5 bytes a word, 200 a line
        int length = utf8.Length;
        while (utf8.Length > 0)
        {
            int eol = utf8.IndexOf((byte)'\n');
            var line = eol >= 0 ? utf8[..eol] : utf8;
            utf8 = eol >= 0 ? utf8[(eol + 1)..] : default;
            while (true)
            {
                int start = line.IndexOfAnyExcept(" \t\r"u8);
                if (start < 0) break;
                line = line[start..];
                int end = line.IndexOfAny(" \t\r"u8);
                var word = end >= 0 ? line[..end] : line;
                int id = table.IdOrDefault(word, unk);
                if (id < 0)
                {
                    // The word's offset: the bytes consumed so far, less the rest of its line and the lines after it.
                    batch.UnknownWordAt = offset + length - utf8.Length - (eol >= 0 ? 1 : 0) - line.Length;
                    return batch;
                }
                line = end >= 0 ? line[end..] : default;
                batch.AddWord(id);
            }
            if (batch._open > batch._starts[batch.Count]) batch.EndSentence();
        }
        batch.Scores = new double[batch.WordCount + batch.Count];
        return batch;
    }

    private void Add(int[] sentence)
    {
        EnsureWords(_open + sentence.Length);
        sentence.CopyTo(_words, _open);
        _open += sentence.Length;
        EndSentence();
    }

    private void AddWord(int id)
    {
        EnsureWords(_open + 1);
        _words[_open++] = id;
    }

    /// <summary>Closes the open sentence (the words after Starts[Count]) and opens an empty one.</summary>
    private void EndSentence()
    {
        if (Count + 2 > _starts.Length) Array.Resize(ref _starts, 2 * _starts.Length);
        _starts[++Count] = _open;
    }

    private void EnsureWords(int needed)
    {
        if (needed > _words.Length) Array.Resize(ref _words, Math.Max(needed, 2 * _words.Length));
    }
}
