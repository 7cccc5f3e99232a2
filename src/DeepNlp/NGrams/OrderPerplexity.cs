namespace DeepNlp.NGrams;

/// <summary>Test perplexity of one estimator at one order, a point of the smoothing-comparison chart.</summary>
/// <param name="Method">Estimator name.</param>
/// <param name="Order">n.</param>
/// <param name="Perplexity">Perplexity on held-out text (may be +∞ for unsmoothed estimates).</param>
public sealed record OrderPerplexity(string Method, int Order, double Perplexity);
