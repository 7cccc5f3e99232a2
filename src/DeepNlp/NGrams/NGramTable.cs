namespace DeepNlp.NGrams;

/// <summary>The distinct n-grams of one order, stored as a level of a forward trie (structure of arrays).</summary>
/// <remarks>
/// An n-gram of order n ≥ 2 is (prefix id, last word), where the prefix is an (n-1)-gram of the level below.
/// Entries are sorted by (prefix id, word), so the continuations of one prefix are the contiguous block
/// <c>Children[prefix] .. Children[prefix+1]</c> of the level above, sorted by word for binary search.
/// Unigrams are indexed by word id directly (every vocabulary id has a slot, count 0 when unseen).
/// No object is allocated per n-gram.
/// </remarks>
internal sealed class NGramTable
{
    public NGramTable(int order, int[] words, int[] counts, int[] suffix, bool[] startsWithBos)
    {
        Order = order;
        Words = words;
        Counts = counts;
        Suffix = suffix;
        StartsWithBos = startsWithBos;
    }

    /// <summary>n.</summary>
    public int Order { get; }

    /// <summary>Number of distinct n-grams of this order.</summary>
    public int Length => Words.Length;

    /// <summary>Last word of each n-gram.</summary>
    public int[] Words { get; }

    /// <summary>Raw count of each n-gram in the training text.</summary>
    public int[] Counts { get; }

    /// <summary>Id (in the level below) of each n-gram's suffix, the n-gram without its first word; empty for unigrams.</summary>
    public int[] Suffix { get; }

    /// <summary>Whether the n-gram begins with &lt;s&gt; (such n-grams cannot be extended to the left).</summary>
    public bool[] StartsWithBos { get; }

    /// <summary>Block offsets of the continuations in the level above (length <see cref="Length"/>+1); null for the top level.</summary>
    public int[]? Children { get; set; }

    private long[]? _totals;

    /// <summary>c(h•): the summed counts of the continuations of each n-gram (0 when it has none).</summary>
    public long[] ContinuationTotals(NGramTable above)
    {
        if (_totals is not null) return _totals;
        var children = Children!;
        var totals = new long[Length];
        for (int h = 0; h < Length; h++)
        {
            long sum = 0;
            for (int g = children[h]; g < children[h + 1]; g++) sum += above.Counts[g];
            totals[h] = sum;
        }
        return _totals = totals;
    }

    /// <summary>Finds the continuation of <paramref name="prefix"/> by <paramref name="word"/> in the level above; -1 when absent.</summary>
    public int FindChild(NGramTable above, int prefix, int word)
    {
        var children = Children!;
        return FindInBlock(above.Words, children[prefix], children[prefix + 1], word);
    }

    /// <summary>Index of <paramref name="word"/> in the sorted block <paramref name="words"/>[start..end); -1 when absent.</summary>
    /// <remarks>The one search every trie lookup uses: a prefix's continuations are contiguous and sorted by word.</remarks>
    public static int FindInBlock(int[] words, int start, int end, int word)
    {
        int i = words.AsSpan(start, end - start).BinarySearch(word);
        return i >= 0 ? start + i : -1;
    }

    /// <summary>Approximate bytes held by this level.</summary>
    public long Bytes => 4L * (Words.Length + Counts.Length + Suffix.Length + (Children?.Length ?? 0)) + StartsWithBos.Length;
}
