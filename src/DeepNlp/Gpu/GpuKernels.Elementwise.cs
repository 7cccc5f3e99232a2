using ILGPU;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    // Every kernel here is a grid-stride loop: thread `i` handles elements i, i + stride, i + 2·stride, … where stride
    // is the number of threads launched. On a GPU the host launches one thread per element (one iteration each); on
    // ILGPU's CPU accelerator it launches a single group, because every group costs a barrier between OS threads.

    /// <summary>y[k] += x[k].</summary>
    /// <param name="i">First element of this thread.</param>
    /// <param name="x">Addend.</param>
    /// <param name="y">Accumulator, same length.</param>
    /// <param name="stride">Number of threads launched.</param>
    public static void AddInPlace(Index1D i, ArrayView<float> x, ArrayView<float> y, int stride)
    {
        for (long k = i; k < y.Length; k += stride) y[k] += x[k];
    }

    /// <summary>y[k] = x[k].</summary>
    /// <param name="i">First element of this thread.</param>
    /// <param name="x">Source.</param>
    /// <param name="y">Destination, same length.</param>
    /// <param name="stride">Number of threads launched.</param>
    public static void Copy(Index1D i, ArrayView<float> x, ArrayView<float> y, int stride)
    {
        for (long k = i; k < y.Length; k += stride) y[k] = x[k];
    }

    /// <summary>y[k] *= s.</summary>
    /// <param name="i">First element of this thread.</param>
    /// <param name="y">Values scaled in place.</param>
    /// <param name="s">Scale.</param>
    /// <param name="stride">Number of threads launched.</param>
    public static void Scale(Index1D i, ArrayView<float> y, float s, int stride)
    {
        for (long k = i; k < y.Length; k += stride) y[k] *= s;
    }

    /// <summary>Adds a bias row to every row: y[r, j] += bias[j].</summary>
    /// <param name="i">First element of this thread (linear index into y).</param>
    /// <param name="bias">[columns].</param>
    /// <param name="y">[rows, columns].</param>
    /// <param name="stride">Number of threads launched.</param>
    public static void AddRowVector(Index1D i, ArrayView<float> bias, ArrayView<float> y, int stride)
    {
        for (long k = i; k < y.Length; k += stride) y[k] += bias[k % bias.Length];
    }

    /// <summary>Column sums accumulated into a vector: sum[j] += Σ_r y[r, j] (bias gradients).</summary>
    /// <param name="i">First column of this thread.</param>
    /// <param name="y">[rows, columns].</param>
    /// <param name="sum">[columns], accumulated.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="stride">Number of threads launched.</param>
    public static void AddColumnSums(Index1D i, ArrayView<float> y, ArrayView<float> sum, int rows, int stride)
    {
        int cols = (int)sum.Length;
        for (int j = i; j < cols; j += stride)
        {
            float s = 0f;
            for (int r = 0; r < rows; r++) s += y[r * cols + j];
            sum[j] += s;
        }
    }
}
