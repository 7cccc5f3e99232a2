using ILGPU;

namespace DeepNlp.Gpu;

public static partial class GpuKernels
{
    /// <summary>y[i] += x[i].</summary>
    /// <param name="i">Element index; extent = length.</param>
    /// <param name="x">Addend.</param>
    /// <param name="y">Accumulator, same length.</param>
    public static void AddInPlace(Index1D i, ArrayView<float> x, ArrayView<float> y) => y[i] += x[i];

    /// <summary>y[i] = x[i].</summary>
    /// <param name="i">Element index; extent = length.</param>
    /// <param name="x">Source.</param>
    /// <param name="y">Destination, same length.</param>
    public static void Copy(Index1D i, ArrayView<float> x, ArrayView<float> y) => y[i] = x[i];

    /// <summary>y[i] *= s.</summary>
    /// <param name="i">Element index; extent = length.</param>
    /// <param name="y">Values scaled in place.</param>
    /// <param name="s">Scale.</param>
    public static void Scale(Index1D i, ArrayView<float> y, float s) => y[i] *= s;

    /// <summary>Adds a bias row to every row: y[r, j] += bias[j].</summary>
    /// <param name="index">(X = column j, Y = row r); extent (columns, rows).</param>
    /// <param name="bias">[columns].</param>
    /// <param name="y">[rows, columns].</param>
    public static void AddRowVector(Index2D index, ArrayView<float> bias, ArrayView<float> y)
    {
        int cols = (int)bias.Length;
        y[index.Y * cols + index.X] += bias[index.X];
    }

    /// <summary>Column sums accumulated into a vector: sum[j] += Σ_r y[r, j] (bias gradients).</summary>
    /// <param name="j">Column; extent = columns.</param>
    /// <param name="y">[rows, columns].</param>
    /// <param name="sum">[columns], accumulated.</param>
    /// <param name="rows">Number of rows.</param>
    public static void AddColumnSums(Index1D j, ArrayView<float> y, ArrayView<float> sum, int rows)
    {
        int cols = (int)sum.Length;
        float s = 0f;
        for (int r = 0; r < rows; r++) s += y[r * cols + j];
        sum[j] += s;
    }
}
