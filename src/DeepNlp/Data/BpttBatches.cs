using System.Collections;

namespace DeepNlp.Data;

/// <summary>Batch-major contiguous streams for truncated BPTT: row r of batch k+1 continues where row r of batch k stopped.</summary>
/// <remarks>
/// The id stream is cut into <see cref="BatchSize"/> equal rows (the remainder, fewer than BatchSize tokens, is
/// dropped), as <c>batchify</c> does in PyTorch's word_language_model example. Batch k takes columns
/// k·Steps … k·Steps + Steps − 1 of every row as inputs and the same columns shifted by one as targets. Because
/// every row is one unbroken stretch of text, the hidden state at the end of batch k is the right initial state
/// for batch k+1 (carry it, detached). Taught in <c>notebooks/05_backpropagation_through_time.ipynb</c>.
/// <code>
/// foreach (var b in new BpttBatches(ids, batchSize: 32, steps: 35)) { ... b.Inputs, b.Targets ... }
/// </code>
/// </remarks>
public sealed class BpttBatches : IEnumerable<LmBatch>
{
    private readonly int[] _ids;

    /// <summary>Lays out <paramref name="ids"/> for truncated BPTT.</summary>
    /// <param name="ids">The token stream (not copied; do not modify it while batching).</param>
    /// <param name="batchSize">Number of parallel rows.</param>
    /// <param name="steps">Truncation length: time steps per batch.</param>
    /// <param name="dropLast">Drop a final batch shorter than <paramref name="steps"/> (default), so every batch has the same shape.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The stream is too short to give every row a full batch.</exception>
    public BpttBatches(int[] ids, int batchSize, int steps, bool dropLast = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _ids = ids;
        BatchSize = batchSize;
        Steps = steps;
        DropLast = dropLast;
        RowLength = ids.Length / batchSize;
        // A row of L tokens gives L - 1 (input, target) pairs.
        int pairs = RowLength - 1;
        BatchesPerEpoch = dropLast ? pairs / steps : (pairs + steps - 1) / steps;
        if (BatchesPerEpoch < 1)
            throw new ArgumentException(
                $"{ids.Length} tokens cut into {batchSize} rows of {RowLength} give no full batch of {steps} steps (each row needs at least {steps + 1} tokens).", nameof(ids));
    }

    /// <summary>Rows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Time steps per batch (the last batch may be shorter when <see cref="DropLast"/> is false).</summary>
    public int Steps { get; }

    /// <summary>Whether a short final batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>Tokens per row: stream length / BatchSize, rounded down.</summary>
    public int RowLength { get; }

    /// <summary>Number of batches one enumeration yields.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Number of target tokens per epoch (sum over batches of BatchSize · steps).</summary>
    public long TokensPerEpoch => DropLast ? (long)BatchesPerEpoch * Steps * BatchSize : (long)(RowLength - 1) * BatchSize;

    /// <summary>The batch at position <paramref name="index"/> of the epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in 0..BatchesPerEpoch-1.</exception>
    public LmBatch this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BatchesPerEpoch);
            int start = index * Steps;
            int steps = Math.Min(Steps, RowLength - 1 - start);
            var inputs = new int[BatchSize * steps];
            var targets = new int[BatchSize * steps];
            var offsets = new int[BatchSize];
            for (int r = 0; r < BatchSize; r++)
            {
                int from = r * RowLength + start;
                offsets[r] = from;
                Array.Copy(_ids, from, inputs, r * steps, steps);
                Array.Copy(_ids, from + 1, targets, r * steps, steps);
            }
            return new LmBatch(inputs, targets, BatchSize, steps, index, offsets);
        }
    }

    /// <summary>Yields the batches of one epoch in order (the order state continuity needs).</summary>
    public IEnumerator<LmBatch> GetEnumerator()
    {
        for (int k = 0; k < BatchesPerEpoch; k++) yield return this[k];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"BpttBatches({BatchesPerEpoch} batches of [{BatchSize} × {Steps}], rows of {RowLength} tokens)";
}
