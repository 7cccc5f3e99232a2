namespace DeepNlp.NGrams;

/// <summary>Base of the estimators that read raw counts at query time (MLE, add-k, Jelinek–Mercer, Katz, stupid backoff).</summary>
/// <remarks>
/// Notation used in the estimators' docs: c(h w) is the raw count of the n-gram "h w"; c(h•) = Σ_w c(h w) the count of
/// h as a context; h' is h without its first word. At the empty context c(•) is the number of predicted training
/// tokens (words plus one &lt;/s&gt; per sentence).
/// </remarks>
public abstract class CountBasedModel : NGramModel
{
    /// <summary>Wraps a set of counts.</summary>
    protected CountBasedModel(NGramCounts counts) : base(counts.Vocabulary, counts.Order) => Counts = counts;

    /// <summary>The counts the estimates come from.</summary>
    public NGramCounts Counts { get; }

    /// <summary>Trie id of a context of length k ≥ 1 (its order is k), or -1 when it never occurred.</summary>
    private protected int ContextId(ReadOnlySpan<int> context) => Counts.Find(context);

    /// <summary>c(h•) for the context with trie id <paramref name="id"/> of length <paramref name="k"/> (k = 0: the root, id ignored).</summary>
    private protected long ContextTotal(int k, int id) =>
        k == 0 ? Counts.TokenCount : Counts.Level(k).ContinuationTotals(Counts.Level(k + 1))[id];

    /// <summary>c(h w) for the context with trie id <paramref name="id"/> of length <paramref name="k"/>.</summary>
    private protected long JointCount(int k, int id, int word)
    {
        if (k == 0) return Counts.Level(1).Counts[word];
        int g = Counts.Level(k).FindChild(Counts.Level(k + 1), id, word);
        return g < 0 ? 0 : Counts.Level(k + 1).Counts[g];
    }
}
