namespace DeepNlp.Evaluation;

/// <summary>How one gate of an LSTM or GRU behaved over a batch: its mean and how often it saturates.</summary>
/// <param name="Gate">Gate name (i, f, g, o for the LSTM; r, z, n for the GRU).</param>
/// <param name="Mean">Mean activation.</param>
/// <param name="FractionBelow10">Fraction of activations below 0.1 (σ gates; below -0.9 for tanh ones): "closed".</param>
/// <param name="FractionAbove90">Fraction above 0.9: "open".</param>
/// <param name="Histogram">Counts in 20 equal bins over [0, 1] (σ gates) or [-1, 1] (tanh).</param>
public sealed record GateStatistics(string Gate, double Mean, double FractionBelow10, double FractionAbove90, int[] Histogram);
