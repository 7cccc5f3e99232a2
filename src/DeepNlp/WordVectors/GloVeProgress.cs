namespace DeepNlp.WordVectors;

/// <summary>A progress report from <see cref="GloVe.Train"/>, once per epoch.</summary>
/// <param name="Epoch">Epochs completed (1-based).</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Cost">Mean J_ij over the non-zero entries during this epoch (the figure glove.c prints).</param>
/// <param name="Elapsed">Wall time so far.</param>
public sealed record GloVeProgress(int Epoch, int Epochs, double Cost, TimeSpan Elapsed)
{
    /// <inheritdoc />
    public override string ToString() => $"epoch {Epoch}/{Epochs}  cost {Cost:F5}  {Elapsed.TotalSeconds:F1}s";
}
