namespace DeepNlp.Evaluation;

/// <summary>A corpus BLEU score with the statistics it was computed from.</summary>
/// <param name="Score">BLEU in 0..1 (NLTK's scale; multiply by 100 for the scale papers print).</param>
/// <param name="Matches">Clipped n-gram matches summed over the corpus, index 0 for unigrams.</param>
/// <param name="Totals">Hypothesis n-grams summed over the corpus (each sentence counts at least 1, as NLTK).</param>
/// <param name="HypothesisLength">Σ hypothesis lengths (c).</param>
/// <param name="ReferenceLength">Σ closest reference lengths (r).</param>
/// <param name="BrevityPenalty">1 when c &gt; r, else exp(1 − r/c); 0 when c = 0.</param>
public sealed record BleuResult(double Score, IReadOnlyList<long> Matches, IReadOnlyList<long> Totals, long HypothesisLength,
    long ReferenceLength, double BrevityPenalty)
{
    /// <summary>Score and n-gram precisions in the one-line form of most MT tools.</summary>
    public override string ToString() =>
        $"BLEU = {100 * Score:F2} ({string.Join('/', Matches.Select((m, i) => Totals[i] == 0 ? "0.0" : (100.0 * m / Totals[i]).ToString("F1")))}, " +
        $"BP = {BrevityPenalty:F3}, ratio = {(ReferenceLength == 0 ? 0 : (double)HypothesisLength / ReferenceLength):F3}, hyp_len = {HypothesisLength}, ref_len = {ReferenceLength})";
}
