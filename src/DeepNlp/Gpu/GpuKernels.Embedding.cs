using ILGPU;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>Embedding lookup: x[r, e] = W[ids[r], e].</summary>
    /// <param name="index">(X = feature e, Y = row r); extent (dimension, rows).</param>
    /// <param name="table">W, [vocabulary, dimension].</param>
    /// <param name="ids">[rows] token ids.</param>
    /// <param name="output">[rows, dimension].</param>
    public static void EmbeddingGather(Index2D index, ArrayView<float> table, ArrayView<int> ids, ArrayView<float> output)
    {
        int dim = (int)(output.Length / ids.Length);
        output[index.Y * dim + index.X] = table[ids[index.Y] * dim + index.X];
    }

    /// <summary>Embedding backward: ∂W[ids[r], e] += ∂x[r, e], with atomic adds because a token may repeat.</summary>
    /// <param name="index">(X = feature e, Y = row r); extent (dimension, rows).</param>
    /// <param name="gradOutput">∂x, [rows, dimension].</param>
    /// <param name="ids">[rows] token ids.</param>
    /// <param name="gradTable">∂W, [vocabulary, dimension], accumulated.</param>
    /// <remarks>Two threads holding the same id write the same address; <c>Atomic.Add</c> makes the
    /// read-modify-write indivisible. The order of the additions is not fixed, so sums may differ in the last bit
    /// from run to run on a GPU.</remarks>
    public static void EmbeddingScatterAdd(Index2D index, ArrayView<float> gradOutput, ArrayView<int> ids, ArrayView<float> gradTable)
    {
        int dim = (int)(gradOutput.Length / ids.Length);
        Atomic.Add(ref gradTable[ids[index.Y] * dim + index.X], gradOutput[index.Y * dim + index.X]);
    }
}
