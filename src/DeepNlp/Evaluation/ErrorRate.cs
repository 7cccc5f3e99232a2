namespace DeepNlp.Evaluation;

/// <summary>Edit-distance error rates: phoneme error rate (PER) for grapheme-to-phoneme, word error rate (WER) for speech
/// recognition and translation-like outputs.</summary>
/// <remarks>
/// The distance is Levenshtein's: the fewest substitutions, insertions and deletions (each cost 1) that turn the reference
/// into the hypothesis. The corpus rate is Σ edits / Σ reference lengths, as NIST's sclite and jiwer compute WER, not the
/// mean of per-sentence rates (which would let short sentences weigh as much as long ones). For grapheme to phoneme,
/// papers also quote a "word error rate" meaning the share of words with any phoneme wrong: that is
/// <see cref="ErrorRateResult.SequenceErrorRate"/>. Taught in notebooks/10_attention_and_transformers.ipynb.
/// </remarks>
public static class ErrorRate
{
    /// <summary>Levenshtein distance between two sequences (unit costs).</summary>
    /// <param name="reference">The gold sequence.</param>
    /// <param name="hypothesis">The predicted sequence.</param>
    /// <param name="comparer">Equality of items; default <see cref="EqualityComparer{T}.Default"/> (ordinal for strings).</param>
    /// <exception cref="ArgumentNullException">A sequence is null.</exception>
    /// <remarks>d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + [r_i ≠ h_j]), kept as one row, O(|r|·|h|) time.</remarks>
    public static int Levenshtein<TItem>(IReadOnlyList<TItem> reference, IReadOnlyList<TItem> hypothesis, IEqualityComparer<TItem>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        comparer ??= EqualityComparer<TItem>.Default;
        var row = new int[hypothesis.Count + 1];
        for (int j = 0; j <= hypothesis.Count; j++) row[j] = j;                 // d[0][j] = j insertions
        for (int i = 1; i <= reference.Count; i++)
        {
            int diagonal = row[0];
            row[0] = i;                                                         // d[i][0] = i deletions
            for (int j = 1; j <= hypothesis.Count; j++)
            {
                int substitute = diagonal + (comparer.Equals(reference[i - 1], hypothesis[j - 1]) ? 0 : 1);
                diagonal = row[j];
                row[j] = Math.Min(substitute, Math.Min(row[j] + 1, row[j - 1] + 1));
            }
        }
        return row[hypothesis.Count];
    }

    /// <summary>Corpus-level error rate over aligned pairs of token sequences (PER when the tokens are phonemes).</summary>
    /// <param name="references">Gold sequences.</param>
    /// <param name="hypotheses">Predicted sequences, one per reference.</param>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static ErrorRateResult Corpus<TItem>(IReadOnlyList<IReadOnlyList<TItem>> references, IReadOnlyList<IReadOnlyList<TItem>> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (references.Count != hypotheses.Count)
            throw new ArgumentException($"{references.Count} references but {hypotheses.Count} hypotheses.", nameof(hypotheses));
        long edits = 0, length = 0;
        int wrong = 0;
        for (int i = 0; i < references.Count; i++)
        {
            int d = Levenshtein(references[i], hypotheses[i]);
            edits += d;
            length += references[i].Count;
            if (d > 0) wrong++;
        }
        return new ErrorRateResult(edits, length, references.Count, wrong);
    }

    /// <summary>Phoneme error rate: <see cref="Corpus{TItem}"/> over phoneme sequences.</summary>
    /// <param name="references">Gold pronunciations.</param>
    /// <param name="hypotheses">Predicted pronunciations.</param>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static ErrorRateResult PhonemeErrorRate(IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<IReadOnlyList<string>> hypotheses) =>
        Corpus(references, hypotheses);

    /// <summary>Word error rate of sentences: each is split on whitespace, then Σ edits / Σ reference words.</summary>
    /// <param name="references">Gold sentences.</param>
    /// <param name="hypotheses">Predicted sentences.</param>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static ErrorRateResult WordErrorRate(IReadOnlyList<string> references, IReadOnlyList<string> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        static IReadOnlyList<string> Words(string s) => s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Corpus([.. references.Select(Words)], [.. hypotheses.Select(Words)]);
    }
}
