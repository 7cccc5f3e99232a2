namespace DeepNlp.Models;

/// <summary>A mini-batch of fixed-size windows and one gold class per window, for <see cref="FixedWindowLanguageModel{T}"/>
/// (context → next word) and <see cref="WindowClassifier{T}"/> (window → tag of its centre word).</summary>
/// <param name="Windows">Token ids, row-major [count, window width].</param>
/// <param name="Targets">Gold ids [count]; −1 masks a row.</param>
public sealed record WindowBatch(int[] Windows, int[] Targets)
{
    /// <summary>Number of windows.</summary>
    public int Count => Targets.Length;
}
