namespace DeepNlp.NGrams;

/// <summary>The Kneser–Ney discounts of one order, with the counts-of-counts of adjusted counts they come from.</summary>
/// <param name="Order">n.</param>
/// <param name="D1">Discount for n-grams with adjusted count 1.</param>
/// <param name="D2">Discount for adjusted count 2.</param>
/// <param name="D3Plus">Discount for adjusted count 3 or more.</param>
/// <param name="CountsOfCounts">n_1..n_4 of the adjusted counts (index 0 unused).</param>
/// <param name="FellBack">True when the counts-of-counts could not give discounts and the fallback values were used.</param>
public sealed record KneserNeyDiscount(int Order, double D1, double D2, double D3Plus, long[] CountsOfCounts, bool FellBack)
{
    /// <summary>D(c): 0 for c = 0, then D1, D2, D3+.</summary>
    public double Apply(long adjustedCount) => adjustedCount switch { <= 0 => 0, 1 => D1, 2 => D2, _ => D3Plus };

    /// <inheritdoc />
    public override string ToString() => $"{Order}-grams: D1={D1:F4} D2={D2:F4} D3+={D3Plus:F4}{(FellBack ? " (fallback)" : "")}";
}
