namespace DeepNlp.Models;

/// <summary>A mini-batch of variable-length sequences with one gold class each, for a <see cref="SequenceClassifier{T}"/>.</summary>
/// <param name="Sequences">Token ids per example.</param>
/// <param name="Labels">Gold class per example.</param>
public sealed record LabeledSequences(IReadOnlyList<IReadOnlyList<int>> Sequences, IReadOnlyList<int> Labels)
{
    /// <summary>Number of examples.</summary>
    public int Count => Sequences.Count;
}
