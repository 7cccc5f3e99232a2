using System.Numerics;
using DeepNlp.Layers;
using DeepNlp.Models;

namespace DeepNlp.Training;

/// <summary>Truncated backpropagation through time over one batch of long sequences, for teaching and for tests.</summary>
/// <remarks>
/// The sequence is cut into windows of k steps; each window runs forward from the previous window's final state,
/// carried as a detached copy, and backpropagates only within itself. Gradients of all windows are summed and scaled
/// for the mean loss over the whole sequence. With k ≥ the sequence length this is full BPTT.
/// Taught in notebooks/05_backpropagation_through_time.ipynb.
/// </remarks>
public static class TruncatedBptt
{
    /// <summary>Accumulates truncated-BPTT gradients of the mean loss into the model's parameters.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">Input ids [batch, time].</param>
    /// <param name="targets">Target ids [batch, time]; -1 masks.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="time">Steps.</param>
    /// <param name="k">Truncation length k1 = k2.</param>
    /// <param name="initial">Initial state, or null for zeros.</param>
    /// <returns>The loss over the whole sequence and the final state.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k is not positive.</exception>
    public static (CrossEntropyResult Loss, RecurrentState<T> Final) AccumulateGradients<T>(RecurrentLanguageModel<T> model,
        ReadOnlySpan<int> inputs, ReadOnlySpan<int> targets, int batch, int time, int k, RecurrentState<T>? initial = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), $"Truncation length must be positive, got {k}.");
        int count = 0;
        foreach (int y in targets) if (y >= 0) count++;
        var total = new CrossEntropyResult(0, 0);
        var state = initial;
        for (int from = 0; from < time; from += k)
        {
            int len = Math.Min(k, time - from);
            var inp = new int[batch * len]; var tgt = new int[batch * len];
            for (int b = 0; b < batch; b++)
                for (int t = 0; t < len; t++)
                {
                    inp[b * len + t] = inputs[b * time + from + t];
                    tgt[b * len + t] = targets[b * time + from + t];
                }
            total += model.Forward(inp, tgt, batch, len, state);
            model.Backward(count);                 // scaled by the whole sequence's count: Σ windows = ∂(mean loss)
            state = model.FinalState;              // detached: the next window's gradient stops here
        }
        return (total, state ?? model.ZeroState(batch));
    }
}
