namespace DeepNlp.Sampling;

/// <summary>One finished beam-search hypothesis.</summary>
/// <param name="Tokens">Generated ids (prompt excluded).</param>
/// <param name="LogProbability">Σ log p of the tokens.</param>
/// <param name="Score">LogProbability / length^α, the ranking score.</param>
public sealed record BeamHypothesis(IReadOnlyList<int> Tokens, double LogProbability, double Score);
