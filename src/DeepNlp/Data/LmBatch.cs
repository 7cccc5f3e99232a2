namespace DeepNlp.Data;

/// <summary>One language-modelling mini-batch: inputs and next-token targets, row-major [batch, steps].</summary>
/// <param name="Inputs">Input ids, row-major [BatchSize, Steps]: element (r, t) is at r·Steps + t.</param>
/// <param name="Targets">Target ids, same shape: Targets(r, t) is the token that follows Inputs(r, t) in the stream.</param>
/// <param name="BatchSize">Number of rows (independent streams).</param>
/// <param name="Steps">Time steps per row.</param>
/// <param name="Index">Position of the batch in its epoch (0-based).</param>
/// <param name="Offsets">For each row, the stream position of its first input token (length BatchSize).</param>
/// <remarks>Made by <see cref="StreamBatches"/>; trained by <see cref="Models.RecurrentLanguageModel{T}"/>, which starts a fresh
/// hidden state at Index 0 and otherwise carries the state from the previous batch.</remarks>
public sealed record LmBatch(int[] Inputs, int[] Targets, int BatchSize, int Steps, int Index, int[] Offsets)
{
    /// <summary>A batch of independent sequences (synthetic tasks, one example per row): it is Index 0, so a recurrent
    /// model starts every row from a zero state instead of carrying the state of the previous batch.</summary>
    /// <param name="inputs">Input ids [batchSize, steps].</param>
    /// <param name="targets">Target ids [batchSize, steps]; −1 masks a position.</param>
    /// <param name="batchSize">Rows.</param>
    /// <param name="steps">Time steps per row.</param>
    /// <returns>The batch (offsets all 0).</returns>
    /// <exception cref="ArgumentException">A length is not batchSize · steps.</exception>
    public static LmBatch Independent(int[] inputs, int[] targets, int batchSize, int steps)
    {
        ArgumentNullException.ThrowIfNull(inputs); ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Length != batchSize * steps) throw new ArgumentException($"inputs has {inputs.Length} ids, expected {batchSize} × {steps}.", nameof(inputs));
        if (targets.Length != batchSize * steps) throw new ArgumentException($"targets has {targets.Length} ids, expected {batchSize} × {steps}.", nameof(targets));
        return new LmBatch(inputs, targets, batchSize, steps, 0, new int[batchSize]);
    }

    /// <summary>Input id of row <paramref name="row"/> at step <paramref name="t"/>.</summary>
    public int Input(int row, int t) => Inputs[row * Steps + t];

    /// <summary>Target id of row <paramref name="row"/> at step <paramref name="t"/>.</summary>
    public int Target(int row, int t) => Targets[row * Steps + t];

    /// <summary>The inputs of every row at step <paramref name="t"/> [BatchSize] (one time step for an RNN).</summary>
    public int[] InputsAt(int t) => Column(Inputs, t);

    /// <summary>The targets of every row at step <paramref name="t"/> [BatchSize].</summary>
    public int[] TargetsAt(int t) => Column(Targets, t);

    /// <summary>Number of predicted tokens in the batch (BatchSize · (Steps − ScoredFrom)).</summary>
    public int TokenCount => BatchSize * (Steps - ScoredFrom);

    /// <summary>Steps t &lt; ScoredFrom are run but not scored (BPTT(k1, k2) scores only the newest k1 of its k2 steps); 0 by default.</summary>
    public int ScoredFrom { get; init; }

    /// <summary>The step whose state the next batch of the stream starts from (Steps for disjoint windows).</summary>
    public int? CarryAt { get; init; }

    private int[] Column(int[] source, int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Steps);
        var column = new int[BatchSize];
        for (int r = 0; r < BatchSize; r++) column[r] = source[r * Steps + t];
        return column;
    }

    /// <inheritdoc />
    public override string ToString() => $"LmBatch #{Index} [{BatchSize} × {Steps}]";
}
