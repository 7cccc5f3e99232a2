namespace DeepNlp.NGrams;

/// <summary>A backoff model that scores text through KenLM's probing layout: per order a hash table whose slot holds
/// the n-gram's probability and backoff (one cache miss per order), built once from the model's trie.</summary>
/// <remarks>
/// <para>The trie stays the model (estimation, ARPA and binary files, <see cref="NGramModel.Log10Probability(ReadOnlySpan{int}, int)"/>,
/// <see cref="NGramModel.Distribution(ReadOnlySpan{int}, Span{double})"/>: all inherited unchanged, on the same
/// arrays); this type adds a scoring index beside it. <see cref="ScoreSentence"/> and <see cref="Perplexity"/> on a
/// probing model give the same doubles as on the model it was built from, token by token, in less time: the index
/// keeps probability and backoff in the slot that matches, carries KenLM's state from word to word, and
/// <see cref="Perplexity.EvaluateText(NGramModel, ReadOnlySpan{byte}, string)"/> scores several sentences at a time
/// on every core (<see cref="Numerics.Ops.MaxThreads"/>), prefetching the next word's slots. The price is memory,
/// about 24 bytes per n-gram (<see cref="IndexBytes"/>), and the build, a few hundred nanoseconds per n-gram.</para>
/// <para>The layout and how the key differs from KenLM's are described on the index (<c>NGrams/ProbingIndex.cs</c>).
/// The index is not saved: <see cref="BackoffModelFile"/> writes the trie, and a model read back is wrapped again.</para>
/// </remarks>
public sealed class ProbingModel : BackoffModel
{
    private readonly ProbingIndex _index;

    /// <summary>Builds the probing index of <paramref name="model"/> (its arrays are shared, not copied).</summary>
    /// <param name="model">A backoff model: estimated, read from ARPA or from the binary format.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="NotSupportedException">An order has more n-grams than one table can hold (over a billion).</exception>
    public ProbingModel(BackoffModel model) : base(model ?? throw new ArgumentNullException(nameof(model)))
    {
        _index = new ProbingIndex(model);
    }

    /// <summary>Bytes held by the probing index (on top of <see cref="BackoffModel.MemoryBytes"/>, the trie's).</summary>
    public long IndexBytes => _index.Bytes;

    /// <summary>Scores a sentence left to right through the probing index; the same values as <see cref="BackoffModel.ScoreSentence"/>.</summary>
    /// <param name="sentence">Ids of the words, without boundaries.</param>
    /// <param name="destination">[sentence length + 1].</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the sentence plus one.</exception>
    public override void ScoreSentence(ReadOnlySpan<int> sentence, Span<double> destination)
    {
        if (destination.Length < sentence.Length + 1) throw new ArgumentException("One slot per word plus one for </s> is needed.", nameof(destination));
        ReadOnlySpan<int> starts = [0, sentence.Length];
        _index.Score(sentence, starts, destination);
    }

    /// <summary>Scores many sentences on one thread (<see cref="ProbingIndex.Score"/>).</summary>
    internal void Score(ReadOnlySpan<int> words, ReadOnlySpan<int> starts, Span<double> scores) => _index.Score(words, starts, scores);
}
