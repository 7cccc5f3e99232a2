namespace DeepNlp.NGrams;

/// <summary>One candidate next word with its probability.</summary>
/// <param name="Word">The token.</param>
/// <param name="Probability">P(word | context).</param>
public sealed record NextWord(string Word, double Probability);
