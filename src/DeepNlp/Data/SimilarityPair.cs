namespace DeepNlp.Data;

/// <summary>A word pair with its mean human rating.</summary>
/// <param name="Word1">First word.</param>
/// <param name="Word2">Second word.</param>
/// <param name="Score">Mean human score on a 0–10 scale (relatedness for WordSim-353, similarity for SimLex-999).</param>
public sealed record SimilarityPair(string Word1, string Word2, double Score);
