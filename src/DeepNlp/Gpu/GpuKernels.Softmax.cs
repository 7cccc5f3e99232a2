using ILGPU;
using ILGPU.Algorithms;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Fused row softmax + cross-entropy with its gradient, one thread per row.</summary>
    /// <param name="index">First row of this thread.</param>
    /// <param name="logits">[rows, classes].</param>
    /// <param name="targets">[rows]; a negative target masks the row (zero loss, zero gradient).</param>
    /// <param name="gradient">[rows, classes] receives scale·(softmax(z_r) − onehot(y_r)).</param>
    /// <param name="rowLoss">[rows] receives −log softmax(z_r)[y_r] (unscaled).</param>
    /// <param name="scale">Usually 1 / (number of unmasked rows), so the gradient is that of the mean loss.</param>
    /// <param name="stride">Number of threads launched (grid-stride loop).</param>
    /// <remarks>The row maximum is subtracted before exponentiating: log Σ exp(z) = m + log Σ exp(z − m), so logits
    /// of 1000 do not overflow. Same formula as the CPU <c>Ops</c> softmax cross-entropy.</remarks>
    public static void SoftmaxCrossEntropy(Index1D index, ArrayView<float> logits, ArrayView<int> targets,
        ArrayView<float> gradient, ArrayView<float> rowLoss, float scale, int stride)
    {
        for (int row = index; row < targets.Length; row += stride)
            SoftmaxCrossEntropyRow(row, logits, targets, gradient, rowLoss, scale);
    }

    private static void SoftmaxCrossEntropyRow(int row, ArrayView<float> logits, ArrayView<int> targets,
        ArrayView<float> gradient, ArrayView<float> rowLoss, float scale)
    {
        int classes = (int)(logits.Length / targets.Length);
        int offset = row * classes;
        int y = targets[row];
        if (y < 0)
        {
            for (int k = 0; k < classes; k++) gradient[offset + k] = 0f;
            rowLoss[row] = 0f;
            return;
        }
        float max = logits[offset];
        for (int k = 1; k < classes; k++) max = XMath.Max(max, logits[offset + k]);
        float sum = 0f;
        for (int k = 0; k < classes; k++) sum += XMath.Exp(logits[offset + k] - max);
        float logSum = max + XMath.Log(sum);
        for (int k = 0; k < classes; k++)
            gradient[offset + k] = scale * XMath.Exp(logits[offset + k] - logSum);
        gradient[offset + y] -= scale;
        rowLoss[row] = logSum - logits[offset + y];
    }
}
