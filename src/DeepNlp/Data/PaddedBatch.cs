namespace DeepNlp.Data;

/// <summary>Variable-length sequences padded to one row-major matrix [batch, maxLen], with a mask and the true lengths.</summary>
/// <remarks>
/// Row r holds sequence r followed by <see cref="PaddingId"/> up to <see cref="MaxLength"/>. <see cref="Mask"/> is 1
/// on real tokens and 0 on padding, so a masked loss is Σ mask·loss / Σ mask. For tagging, <see cref="TokenLabels"/>
/// has the same shape with <see cref="IgnoreLabel"/> on padding; for classification, <see cref="Labels"/> holds one
/// label per row.
/// </remarks>
public sealed class PaddedBatch
{
    /// <summary>The label written on padded positions of <see cref="TokenLabels"/> (PyTorch's ignore_index convention).</summary>
    public const int IgnoreLabel = -100;

    private PaddedBatch(int[] ids, float[] mask, int[] lengths, int maxLength, int paddingId, int[]? tokenLabels, int[]? labels)
    {
        Ids = ids;
        Mask = mask;
        Lengths = lengths;
        MaxLength = maxLength;
        PaddingId = paddingId;
        TokenLabels = tokenLabels;
        Labels = labels;
    }

    /// <summary>Token ids, row-major [BatchSize, MaxLength]; padding positions hold <see cref="PaddingId"/>.</summary>
    public int[] Ids { get; }

    /// <summary>1 on real tokens, 0 on padding, row-major [BatchSize, MaxLength].</summary>
    public float[] Mask { get; }

    /// <summary>True length of each sequence [BatchSize].</summary>
    public int[] Lengths { get; }

    /// <summary>Number of sequences.</summary>
    public int BatchSize => Lengths.Length;

    /// <summary>Length of the longest sequence (the padded width).</summary>
    public int MaxLength { get; }

    /// <summary>The id used for padding.</summary>
    public int PaddingId { get; }

    /// <summary>Per-token labels for tagging, row-major [BatchSize, MaxLength], <see cref="IgnoreLabel"/> on padding; null otherwise.</summary>
    public int[]? TokenLabels { get; }

    /// <summary>One label per sequence for classification [BatchSize]; null otherwise.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of real (unpadded) tokens.</summary>
    public int TokenCount => Lengths.Sum();

    /// <summary>Id at row <paramref name="row"/>, position <paramref name="t"/>.</summary>
    public int Id(int row, int t) => Ids[row * MaxLength + t];

    /// <summary>Pads sequences of ids.</summary>
    /// <param name="sequences">The sequences (empty sequences are allowed and give an all-padding row).</param>
    /// <param name="paddingId">Id written on padding (usually <c>vocabulary.PaddingId</c>).</param>
    /// <exception cref="ArgumentException">No sequences were given.</exception>
    public static PaddedBatch Create(IReadOnlyList<IReadOnlyList<int>> sequences, int paddingId) => Build(sequences, paddingId, null, null);

    /// <summary>Pads sequences and their per-token labels, for tagging.</summary>
    /// <param name="sequences">Token id sequences.</param>
    /// <param name="tokenLabels">One label sequence per sequence, each as long as its sequence.</param>
    /// <param name="paddingId">Id written on padding.</param>
    /// <exception cref="ArgumentException">Counts or lengths disagree (the message names the sequence), or no sequences.</exception>
    public static PaddedBatch ForTagging(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<IReadOnlyList<int>> tokenLabels, int paddingId)
    {
        ArgumentNullException.ThrowIfNull(tokenLabels);
        return Build(sequences, paddingId, tokenLabels, null);
    }

    /// <summary>Pads sequences with one label each, for classification.</summary>
    /// <param name="sequences">Token id sequences.</param>
    /// <param name="labels">One label per sequence.</param>
    /// <param name="paddingId">Id written on padding.</param>
    /// <exception cref="ArgumentException">Counts disagree, or no sequences.</exception>
    public static PaddedBatch ForClassification(IReadOnlyList<IReadOnlyList<int>> sequences, IReadOnlyList<int> labels, int paddingId)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Build(sequences, paddingId, null, labels);
    }

    private static PaddedBatch Build(IReadOnlyList<IReadOnlyList<int>> sequences, int paddingId,
        IReadOnlyList<IReadOnlyList<int>>? tokenLabels, IReadOnlyList<int>? labels)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("A batch needs at least one sequence.", nameof(sequences));
        if (tokenLabels is not null && tokenLabels.Count != sequences.Count)
            throw new ArgumentException($"{sequences.Count} sequences but {tokenLabels.Count} label sequences.", nameof(tokenLabels));
        if (labels is not null && labels.Count != sequences.Count)
            throw new ArgumentException($"{sequences.Count} sequences but {labels.Count} labels.", nameof(labels));

        int b = sequences.Count;
        int maxLen = sequences.Max(s => s.Count);
        var ids = new int[b * maxLen];
        var mask = new float[b * maxLen];
        var lengths = new int[b];
        var tags = tokenLabels is null ? null : new int[b * maxLen];
        Array.Fill(ids, paddingId);
        if (tags is not null) Array.Fill(tags, IgnoreLabel);
        for (int r = 0; r < b; r++)
        {
            var s = sequences[r];
            lengths[r] = s.Count;
            if (tokenLabels is not null && tokenLabels[r].Count != s.Count)
                throw new ArgumentException($"Sequence {r} has {s.Count} tokens but {tokenLabels[r].Count} labels.", nameof(tokenLabels));
            for (int t = 0; t < s.Count; t++)
            {
                ids[r * maxLen + t] = s[t];
                mask[r * maxLen + t] = 1f;
                if (tags is not null) tags[r * maxLen + t] = tokenLabels![r][t];
            }
        }
        return new PaddedBatch(ids, mask, lengths, maxLen, paddingId, tags, labels?.ToArray());
    }

    /// <summary>Splits example indices 0..count-1 into mini-batches, shuffled with <paramref name="seed"/> (or in order when null).</summary>
    /// <param name="count">Number of examples.</param>
    /// <param name="batchSize">Examples per batch (the last batch may be smaller).</param>
    /// <param name="seed">Shuffle seed (Fisher–Yates with <c>new Random(seed)</c>); null keeps the order.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="batchSize"/> below 1.</exception>
    public static IReadOnlyList<int[]> BatchIndices(int count, int batchSize, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var order = Enumerable.Range(0, count).ToArray();
        if (seed is { } s) new Random(s).Shuffle(order);
        return order.Chunk(batchSize).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => $"PaddedBatch [{BatchSize} × {MaxLength}], {TokenCount} tokens";
}
