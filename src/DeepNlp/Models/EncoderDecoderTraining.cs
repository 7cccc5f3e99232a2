using System.Numerics;
using DeepNlp.Layers;

namespace DeepNlp.Models;

/// <summary>The <see cref="ITrainableModel{T, TBatch}"/> adapters that <see cref="EncoderDecoder{T}"/> and
/// <see cref="AttentionEncoderDecoder{T}"/> share, kept in one place so the two models train the same way.</summary>
internal static class EncoderDecoderTraining
{
    /// <summary>The summed loss of one batch: the model's teacher-forced forward pass on the batch's sources
    /// (<see cref="SequenceBatch.Inputs"/>) and targets.</summary>
    public static CrossEntropyResult Loss(SequenceBatch batch, bool training,
        Func<IReadOnlyList<IReadOnlyList<int>>, IReadOnlyList<IReadOnlyList<int>>, bool, CrossEntropyResult> forward)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return forward(batch.Inputs, batch.Targets, training);
    }

    /// <summary>Reseeds the dropout of each stack: stack i gets seed + i (encoder, decoder, then any further stack), so
    /// the masks differ between stacks and are a function of the trainer's step seed.</summary>
    public static void ReseedDropout<T>(int seed, params ReadOnlySpan<RecurrentStack<T>?> stacks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < stacks.Length; i++) stacks[i]?.Reseed(unchecked(seed + i));
    }
}
