using ILGPU;
using ILGPU.Algorithms;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Adam update of one parameter element, PyTorch's <c>torch.optim.Adam</c> formula (no weight decay).</summary>
    /// <param name="index">First element of this thread.</param>
    /// <param name="parameters">θ, updated in place.</param>
    /// <param name="gradients">g.</param>
    /// <param name="m">First moment, updated in place.</param>
    /// <param name="v">Second moment, updated in place.</param>
    /// <param name="step">Learning rate, betas, ε and the step's bias corrections (computed once on the host).</param>
    /// <param name="stride">Number of threads launched (grid-stride loop).</param>
    /// <remarks>m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; θ ← θ − (α / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε).</remarks>
    public static void AdamUpdate(Index1D index, ArrayView<float> parameters, ArrayView<float> gradients,
        ArrayView<float> m, ArrayView<float> v, AdamStep step, int stride)
    {
        for (long k = index; k < parameters.Length; k += stride)
            AdamElement(k, parameters, gradients, m, v, step);
    }

    private static void AdamElement(long i, ArrayView<float> parameters, ArrayView<float> gradients,
        ArrayView<float> m, ArrayView<float> v, AdamStep step)
    {
        float g = gradients[i];
        float mi = step.Beta1 * m[i] + (1f - step.Beta1) * g;
        float vi = step.Beta2 * v[i] + (1f - step.Beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        float denominator = XMath.Sqrt(vi) / XMath.Sqrt(step.BiasCorrection2) + step.Epsilon;
        parameters[i] -= step.LearningRate / step.BiasCorrection1 * mi / denominator;
    }

    /// <summary>Adds Σ x² to <c>result[0]</c>: a grid-stride loop, a tree reduction in shared memory, one atomic per group.</summary>
    /// <typeparam name="TTile">Groups have T² threads (the tile size of the device's GEMM), a power of two.</typeparam>
    /// <param name="x">Values to square and sum.</param>
    /// <param name="result">One element, accumulated (clear it first).</param>
    /// <remarks>Launch with groups of T² threads. Each round halves the active threads: thread t adds the partial sum
    /// of thread t + s, for s = T²/2, …, 2, 1, with a barrier between rounds.
    /// Used for global-norm gradient clipping, ‖g‖ = √(Σ_p Σ g_p²).</remarks>
    public static void SumOfSquares<TTile>(ArrayView<float> x, ArrayView<float> result) where TTile : struct, ITileSize
    {
        int size = default(TTile).Size * default(TTile).Size;
        var partial = SharedMemory.Allocate<float>(size);
        int t = Group.IdxX;
        float sum = 0f;
        for (long i = Grid.GlobalIndex.X; i < x.Length; i += Grid.DimX * Group.DimX)
            sum += x[i] * x[i];
        partial[t] = sum;
        Group.Barrier();
        for (int s = size / 2; s > 0; s /= 2)
        {
            if (t < s) partial[t] += partial[t + s];
            Group.Barrier();
        }
        if (t == 0) Atomic.Add(ref result[0], partial[0]);
    }
}
