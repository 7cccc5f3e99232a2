namespace DeepNlp.Models;

/// <summary>A mini-batch of variable-length input sequences, each with a gold sequence: tags of the same length for a
/// <see cref="SequenceTagger{T}"/>, or a target sentence (with start and end symbols) for an <see cref="EncoderDecoder{T}"/>.</summary>
/// <param name="Inputs">Token ids per example.</param>
/// <param name="Targets">Gold ids per example.</param>
public sealed record SequenceBatch(IReadOnlyList<IReadOnlyList<int>> Inputs, IReadOnlyList<IReadOnlyList<int>> Targets)
{
    /// <summary>Number of examples.</summary>
    public int Count => Inputs.Count;
}
