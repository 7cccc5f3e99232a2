namespace DeepNlp.Evaluation;

/// <summary>A corpus-level error rate: total edits over total reference length.</summary>
/// <param name="Edits">Σ Levenshtein distance (substitutions + insertions + deletions) over all pairs.</param>
/// <param name="ReferenceLength">Σ reference lengths.</param>
/// <param name="Sequences">Number of (reference, hypothesis) pairs.</param>
/// <param name="WrongSequences">Pairs with at least one edit.</param>
public sealed record ErrorRateResult(long Edits, long ReferenceLength, int Sequences, int WrongSequences)
{
    /// <summary>Edits / ReferenceLength (can exceed 1 when hypotheses insert a lot); 0 for an empty corpus.</summary>
    public double Rate => ReferenceLength == 0 ? 0 : (double)Edits / ReferenceLength;

    /// <summary>WrongSequences / Sequences: in grapheme-to-phoneme papers, the "word error rate" (words not pronounced exactly right).</summary>
    public double SequenceErrorRate => Sequences == 0 ? 0 : (double)WrongSequences / Sequences;

    /// <inheritdoc />
    public override string ToString() => $"{Rate:P2} ({Edits:N0} edits / {ReferenceLength:N0} reference tokens; {WrongSequences:N0} of {Sequences:N0} sequences wrong)";
}
