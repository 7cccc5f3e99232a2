namespace DeepNlp.Data;

/// <summary>One language-modelling mini-batch: inputs and next-token targets, row-major [batch, steps].</summary>
/// <param name="Inputs">Input ids, row-major [BatchSize, Steps]: element (r, t) is at r·Steps + t.</param>
/// <param name="Targets">Target ids, same shape: Targets(r, t) is the token that follows Inputs(r, t) in the stream.</param>
/// <param name="BatchSize">Number of rows (independent streams).</param>
/// <param name="Steps">Time steps per row.</param>
/// <param name="Index">Position of the batch in its epoch (0-based).</param>
/// <param name="Offsets">For each row, the stream position of its first input token (length BatchSize).</param>
public sealed record LmBatch(int[] Inputs, int[] Targets, int BatchSize, int Steps, int Index, int[] Offsets)
{
    /// <summary>Input id of row <paramref name="row"/> at step <paramref name="t"/>.</summary>
    public int Input(int row, int t) => Inputs[row * Steps + t];

    /// <summary>Target id of row <paramref name="row"/> at step <paramref name="t"/>.</summary>
    public int Target(int row, int t) => Targets[row * Steps + t];

    /// <summary>Number of predicted tokens in the batch (BatchSize · Steps).</summary>
    public int TokenCount => BatchSize * Steps;

    /// <inheritdoc />
    public override string ToString() => $"LmBatch #{Index} [{BatchSize} × {Steps}]";
}
