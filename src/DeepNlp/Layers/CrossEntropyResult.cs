namespace DeepNlp.Layers;

/// <summary>A summed cross-entropy over a batch and the number of rows that counted.</summary>
/// <param name="Sum">Σ -log p(y) over unmasked rows, in nats.</param>
/// <param name="Count">Number of unmasked rows.</param>
public readonly record struct CrossEntropyResult(double Sum, int Count)
{
    /// <summary>Mean loss per counted row (nats), or NaN when nothing counted.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Perplexity e^Mean.</summary>
    public double Perplexity => Math.Exp(Mean);

    /// <summary>Adds two partial sums.</summary>
    public static CrossEntropyResult operator +(CrossEntropyResult a, CrossEntropyResult b) => new(a.Sum + b.Sum, a.Count + b.Count);
}
