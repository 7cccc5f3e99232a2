namespace DeepNlp.Evaluation;

/// <summary>A corpus chrF score with its averaged character n-gram precision and recall.</summary>
/// <param name="Score">chrF on sacrebleu's 0..100 scale.</param>
/// <param name="Precision">Mean over the effective orders of the corpus n-gram precision, 0..1.</param>
/// <param name="Recall">Mean over the effective orders of the corpus n-gram recall, 0..1.</param>
/// <param name="EffectiveOrder">Orders with at least one hypothesis and one reference n-gram.</param>
public sealed record ChrFResult(double Score, double Precision, double Recall, int EffectiveOrder)
{
    /// <inheritdoc />
    public override string ToString() => $"chrF2 = {Score:F2} (P = {Precision:F3}, R = {Recall:F3})";
}
