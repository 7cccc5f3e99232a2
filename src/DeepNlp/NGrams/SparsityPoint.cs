namespace DeepNlp.NGrams;

/// <summary>How many held-out n-grams of one order never occurred in training.</summary>
/// <param name="Order">n.</param>
/// <param name="HeldOutNGrams">n-gram tokens in the held-out text.</param>
/// <param name="Unseen">Those whose n-gram has training count 0.</param>
public sealed record SparsityPoint(int Order, long HeldOutNGrams, long Unseen)
{
    /// <summary>Unseen / HeldOutNGrams.</summary>
    public double UnseenShare => HeldOutNGrams == 0 ? 0 : (double)Unseen / HeldOutNGrams;
}
