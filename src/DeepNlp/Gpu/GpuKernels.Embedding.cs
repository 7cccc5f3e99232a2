using ILGPU;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Embedding lookup: x[r, e] = W[ids[r], e].</summary>
    /// <param name="index">First element r·dimension + e of this thread.</param>
    /// <param name="table">W, [vocabulary, dimension].</param>
    /// <param name="ids">[rows] token ids.</param>
    /// <param name="output">[rows, dimension].</param>
    /// <param name="stride">Number of threads launched (grid-stride loop).</param>
    public static void EmbeddingGather(Index1D index, ArrayView<float> table, ArrayView<int> ids, ArrayView<float> output, int stride)
    {
        int dim = (int)(output.Length / ids.Length);
        for (int k = index; k < output.Length; k += stride)
            output[k] = table[ids[k / dim] * dim + k % dim];
    }

    /// <summary>Embedding backward: ∂W[ids[r], e] += ∂x[r, e], with atomic adds because a token may repeat.</summary>
    /// <param name="index">First element r·dimension + e of this thread.</param>
    /// <param name="gradOutput">∂x, [rows, dimension].</param>
    /// <param name="ids">[rows] token ids.</param>
    /// <param name="gradTable">∂W, [vocabulary, dimension], accumulated.</param>
    /// <param name="stride">Number of threads launched (grid-stride loop).</param>
    /// <remarks>Two threads holding the same id write the same address; <c>Atomic.Add</c> makes the
    /// read-modify-write indivisible. The order of the additions is not fixed, so sums may differ in the last bit
    /// from run to run on a GPU.</remarks>
    public static void EmbeddingScatterAdd(Index1D index, ArrayView<float> gradOutput, ArrayView<int> ids, ArrayView<float> gradTable, int stride)
    {
        int dim = (int)(gradOutput.Length / ids.Length);
        for (int k = index; k < gradOutput.Length; k += stride)
            Atomic.Add(ref gradTable[ids[k / dim] * dim + k % dim], gradOutput[k]);
    }
}
