using System.Collections;

namespace DeepNlp.Data;

/// <summary>Language-modelling batches of windows cut at random offsets of the stream (nanoGPT's <c>get_batch</c>), seeded.</summary>
/// <remarks>
/// Each row is an independent window of <see cref="Steps"/> inputs starting at a uniform random offset in
/// 0 … length − Steps − 1, with targets shifted by one. Rows do not continue across batches, so start every batch
/// from a zero hidden state. An epoch is <see cref="BatchesPerEpoch"/> = ⌊length / (BatchSize · Steps)⌋ batches, so
/// it sees about as many tokens as one pass over the stream. Epoch e draws from <c>new Random(seed)</c> advanced
/// through epochs 0 … e − 1, so the same seed gives the same batches.
/// </remarks>
public sealed class RandomWindows : IEnumerable<LmBatch>
{
    private readonly int[] _ids;
    private readonly int _seed;
    private int _nextEpoch;

    /// <summary>Creates random-window batches over <paramref name="ids"/>.</summary>
    /// <param name="ids">The token stream (not copied).</param>
    /// <param name="batchSize">Windows per batch.</param>
    /// <param name="steps">Inputs per window.</param>
    /// <param name="seed">Seed of the offsets.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The stream has fewer than steps + 1 tokens.</exception>
    public RandomWindows(int[] ids, int batchSize, int steps, int seed)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (ids.Length < steps + 1)
            throw new ArgumentException($"A window of {steps} steps needs at least {steps + 1} tokens; the stream has {ids.Length}.", nameof(ids));
        _ids = ids;
        _seed = seed;
        BatchSize = batchSize;
        Steps = steps;
        BatchesPerEpoch = Math.Max(1, ids.Length / (batchSize * steps));
    }

    /// <summary>Windows per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Inputs per window.</summary>
    public int Steps { get; }

    /// <summary>Batches per epoch: ⌊stream length / (BatchSize · Steps)⌋, at least 1.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/>; the same (seed, epoch) always gives the same batches.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public IEnumerable<LmBatch> Epoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Iterate(epoch);

        IEnumerable<LmBatch> Iterate(int epoch)
        {
            var rng = new Random(_seed);
            // Skip the offsets of the earlier epochs, so epoch e is one fixed stretch of the seeded sequence.
            for (long n = (long)epoch * BatchesPerEpoch * BatchSize; n > 0; n--) rng.Next(_ids.Length - Steps);
            for (int k = 0; k < BatchesPerEpoch; k++) yield return Draw(rng, k);
        }
    }

    /// <summary>One batch drawn with <paramref name="random"/> (for training loops that count steps, not epochs).</summary>
    public LmBatch Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Draw(random, 0);
    }

    /// <summary>Yields the next epoch: the first enumeration gives epoch 0, the second epoch 1, and so on.</summary>
    public IEnumerator<LmBatch> GetEnumerator() => Epoch(_nextEpoch++).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private LmBatch Draw(Random rng, int index)
    {
        var inputs = new int[BatchSize * Steps];
        var targets = new int[BatchSize * Steps];
        var offsets = new int[BatchSize];
        for (int r = 0; r < BatchSize; r++)
        {
            int from = rng.Next(_ids.Length - Steps);   // offset in [0, length - steps - 1]
            offsets[r] = from;
            Array.Copy(_ids, from, inputs, r * Steps, Steps);
            Array.Copy(_ids, from + 1, targets, r * Steps, Steps);
        }
        return new LmBatch(inputs, targets, BatchSize, Steps, index, offsets);
    }

    /// <inheritdoc />
    public override string ToString() => $"RandomWindows({BatchesPerEpoch} batches of [{BatchSize} × {Steps}] per epoch)";
}
