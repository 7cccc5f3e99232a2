using System.Numerics;
using DeepNlp.Numerics;

namespace DeepNlp.Layers;

/// <summary>Softmax and cross-entropy fused: loss = -log softmax(z)[y], gradient ∂z = softmax(z) - onehot(y).</summary>
/// <remarks>
/// Rows whose target is negative (<see cref="IgnoreTarget"/> = -1, or -100 as PyTorch's default <c>ignore_index</c>) are masked: they add
/// nothing to the loss, to the count or to the gradient. The log-softmax subtracts the row maximum first, so logits
/// of any magnitude are safe. The loss is the mean over unmasked rows (<see cref="CrossEntropyResult.Mean"/>),
/// and Backward scales by the same count.
/// </remarks>
public sealed class SoftmaxCrossEntropy<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The target value that masks a row.</summary>
    public const int IgnoreTarget = -1;

    private T[] _probabilities = [];
    private int[] _targets = [];
    private double[] _losses = [];
    private int _classes;
    private int _count;

    /// <summary>Computes the summed loss over the rows of <paramref name="logits"/> and keeps the probabilities for Backward.</summary>
    /// <param name="logits">Scores z [rows, classes].</param>
    /// <param name="targets">Class index per row [rows]; negative masks the row.</param>
    /// <param name="classes">Number of classes.</param>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is ≥ classes; the message names the row.</exception>
    public CrossEntropyResult Forward(ReadOnlySpan<T> logits, ReadOnlySpan<int> targets, int classes)
    {
        if (logits.Length != targets.Length * classes)
            throw new ArgumentException($"Logits have {logits.Length} elements, expected {targets.Length}×{classes}.", nameof(logits));
        if (_probabilities.Length < logits.Length) _probabilities = new T[logits.Length];
        if (_targets.Length < targets.Length) { _targets = new int[targets.Length]; _losses = new double[targets.Length]; }
        targets.CopyTo(_targets);
        _classes = classes;
        for (int r = 0; r < targets.Length; r++)
            if (targets[r] >= classes) throw new ArgumentOutOfRangeException(nameof(targets), $"Target {targets[r]} in row {r} is not below the class count {classes}.");
        Ops.CrossEntropyRows(logits, targets, classes, _probabilities, _losses);   // p = softmax(z); -log p_y = log Σ e^z - z_y
        double sum = 0;
        int count = 0;
        for (int r = 0; r < targets.Length; r++)
        {
            if (targets[r] < 0) continue;
            sum += _losses[r];
            count++;
        }
        _count = targets.Length;
        return new CrossEntropyResult(sum, count);
    }

    /// <summary>∂z = scale · (p - onehot(y)) for unmasked rows, 0 for masked ones.</summary>
    /// <param name="dLogits">∂L/∂z [rows, classes], overwritten.</param>
    /// <param name="scale">Usually 1/count, for the gradient of the mean loss.</param>
    /// <exception cref="ArgumentException">The length differs from the last Forward's logits.</exception>
    public void Backward(Span<T> dLogits, T scale)
    {
        if (dLogits.Length != _count * _classes)
            throw new ArgumentException($"dLogits has {dLogits.Length} elements, expected {_count}×{_classes}.", nameof(dLogits));
        Ops.CrossEntropyGradientRows<T>(_probabilities, _targets.AsSpan(0, _count), _classes, scale, dLogits);   // ∂z = p - onehot(y)
    }

    /// <summary>The probabilities softmax(z) of the last Forward [rows, classes].</summary>
    public ReadOnlySpan<T> Probabilities => _probabilities.AsSpan(0, _count * _classes);
}
