namespace DeepNlp.Data;

/// <summary>One CMU Pronouncing Dictionary entry: a word and one of its pronunciations.</summary>
/// <param name="Word">The word in lower case, without the <c>(n)</c> suffix of alternates (may contain <c>'</c>, <c>.</c>, <c>-</c>, digits).</param>
/// <param name="Variant">1 for the first pronunciation, n for the line <c>word(n)</c>.</param>
/// <param name="Phonemes">ARPAbet phonemes, e.g. <c>R EH1 D</c>; with or without the vowels' stress digits, as loaded.</param>
public sealed record Pronunciation(string Word, int Variant, IReadOnlyList<string> Phonemes);
