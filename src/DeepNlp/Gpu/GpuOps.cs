using ILGPU;
using ILGPU.Runtime;

namespace DeepNlp.Gpu;

/// <summary>Launches the library's kernels on one <see cref="GpuDevice"/>; methods are named like the CPU <c>Ops</c>.</summary>
/// <remarks>
/// All kernels are compiled when the device opens, so a kernel that a back end cannot compile is found at once and
/// the device falls back to the CPU accelerator. Launches are asynchronous: results are ready after
/// <see cref="GpuDevice.Synchronize"/> or a download. Argument lengths are checked on the host before launching,
/// and the exception names the parameter.
/// </remarks>
public sealed partial class GpuOps
{
    private readonly GpuDevice _device;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape, int> _gemmNaive;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> _gemmTiled;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape> _gemmBlocked;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int> _addInPlace;
    private readonly Action<Index1D, ArrayView<float>, float, int> _scale;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int> _copy;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int> _addRowVector;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int, int> _addColumnSums;

    internal GpuOps(GpuDevice device)
    {
        _device = device;
        var acc = device.Accelerator;
        _gemmNaive = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape, int>(GpuKernels.GemmNaive);
        // 16×16 tiles on a GPU; 4×4 on the CPU accelerator, whose group threads are OS threads.
        TileSize = device.IsCpu ? 4 : 16;
        _gemmTiled = device.IsCpu
            ? acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GpuKernels.GemmTiled<Tile4>)
            : acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GpuKernels.GemmTiled<Tile16>);
        _gemmBlocked = device.IsCpu
            ? acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GpuKernels.GemmBlocked<Tile4>)
            : acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape>(GpuKernels.GemmBlocked<Tile16>);
        _sumOfSquares = device.IsCpu
            ? acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>>(GpuKernels.SumOfSquares<Tile4>)
            : acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>>(GpuKernels.SumOfSquares<Tile16>);
        _addInPlace = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(GpuKernels.AddInPlace);
        _copy = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(GpuKernels.Copy);
        _scale = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float, int>(GpuKernels.Scale);
        _addRowVector = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int>(GpuKernels.AddRowVector);
        _addColumnSums = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(GpuKernels.AddColumnSums);
        _softmaxCrossEntropy = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, float, int>(GpuKernels.SoftmaxCrossEntropy);
        _embeddingGather = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int>(GpuKernels.EmbeddingGather);
        _embeddingScatterAdd = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int>(GpuKernels.EmbeddingScatterAdd);
        _lstmForward = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(GpuKernels.LstmCellForward);
        _lstmBackward = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(GpuKernels.LstmCellBackward);
        _gruForward = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(GpuKernels.GruCellForward);
        _gruBackward = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(GpuKernels.GruCellBackward);
        _adam = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamStep, int>(GpuKernels.AdamUpdate);
        _scratch = device.Allocate<float>(1);
    }

    /// <summary>Tile edge of <see cref="GemmTiled"/> on this device: 16 on a GPU, 4 on the CPU accelerator; reductions
    /// use groups of <c>TileSize²</c> threads.</summary>
    public int TileSize { get; }

    /// <summary>GEMM with the kernel suited to the device: register-blocked on a GPU, naive on the CPU accelerator.</summary>
    /// <param name="a">A, [M, K] (or [K, M] when <see cref="GemmShape.TransposeA"/>).</param>
    /// <param name="b">B, [K, N] (or [N, K] when <see cref="GemmShape.TransposeB"/>).</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes, α and β.</param>
    /// <exception cref="ArgumentException">A view is shorter than the shape needs.</exception>
    /// <remarks>On ILGPU's CPU accelerator each group barrier synchronises real threads, which makes the shared-memory
    /// kernels far slower there than the barrier-free naive one; all compute the same sums.</remarks>
    public void Gemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
    {
        if (_device.IsCpu) GemmNaive(a, b, c, shape);
        else GemmBlocked(a, b, c, shape);
    }

    /// <summary>GEMM with <see cref="GpuKernels.GemmNaive"/>: C = α·op(A)·op(B) + β·C.</summary>
    /// <param name="a">A, [M, K] (or [K, M] transposed).</param>
    /// <param name="b">B, [K, N] (or [N, K] transposed).</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes, α and β.</param>
    /// <exception cref="ArgumentException">A view is shorter than the shape needs.</exception>
    public void GemmNaive(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
    {
        CheckGemm(a, b, c, shape);
        if (shape.M == 0 || shape.N == 0) return;
        int n = Threads((long)shape.M * shape.N);
        _gemmNaive(n, a, b, c, shape, n);
    }

    /// <summary>GEMM with <see cref="GpuKernels.GemmTiled{TTile}"/> (<see cref="TileSize"/>² shared-memory tiles).</summary>
    /// <param name="a">A, [M, K] (or [K, M] transposed).</param>
    /// <param name="b">B, [K, N] (or [N, K] transposed).</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes, α and β.</param>
    /// <exception cref="ArgumentException">A view is shorter than the shape needs.</exception>
    public void GemmTiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
    {
        CheckGemm(a, b, c, shape);
        if (shape.M == 0 || shape.N == 0) return;
        int t = TileSize;
        var grid = new Index2D((shape.N + t - 1) / t, (shape.M + t - 1) / t);
        _gemmTiled(new KernelConfig(grid, new Index2D(t, t)), a, b, c, shape);
    }

    /// <summary>GEMM with <see cref="GpuKernels.GemmBlocked{TTile}"/>: groups of <see cref="TileSize"/>² threads, each
    /// computing 4×4 outputs of a (4·TileSize)² block.</summary>
    /// <param name="a">A, [M, K] (or [K, M] transposed).</param>
    /// <param name="b">B, [K, N] (or [N, K] transposed).</param>
    /// <param name="c">C, [M, N].</param>
    /// <param name="shape">Sizes, transposes, α and β.</param>
    /// <exception cref="ArgumentException">A view is shorter than the shape needs.</exception>
    public void GemmBlocked(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
    {
        CheckGemm(a, b, c, shape);
        if (shape.M == 0 || shape.N == 0) return;
        int t = TileSize, edge = GpuKernels.BlockedOutputsPerThread * t;
        var grid = new Index2D((shape.N + edge - 1) / edge, (shape.M + edge - 1) / edge);
        _gemmBlocked(new KernelConfig(grid, new Index2D(t, t)), a, b, c, shape);
    }

    private static void CheckGemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape shape)
    {
        if (shape.M < 0 || shape.N < 0 || shape.K < 0) throw new ArgumentException($"Negative GEMM size {shape}.", nameof(shape));
        Need(a, (long)shape.M * shape.K, nameof(a));
        Need(b, (long)shape.K * shape.N, nameof(b));
        Need(c, (long)shape.M * shape.N, nameof(c));
    }

    /// <summary>y += x, element by element.</summary>
    /// <param name="x">Addend.</param>
    /// <param name="y">Accumulator, same length.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public void AddInPlace(ArrayView<float> x, ArrayView<float> y)
    {
        Same(x, y.Length, nameof(x));
        if (y.Length > 0) { int n = Threads(y.Length); _addInPlace(n, x, y, n); }
    }

    /// <summary>y = x, element by element, on the device.</summary>
    /// <param name="x">Source.</param>
    /// <param name="y">Destination, same length.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public void Copy(ArrayView<float> x, ArrayView<float> y)
    {
        Same(x, y.Length, nameof(x));
        if (y.Length > 0) { int n = Threads(y.Length); _copy(n, x, y, n); }
    }

    /// <summary>y *= s, element by element.</summary>
    /// <param name="y">Values scaled in place.</param>
    /// <param name="s">Scale.</param>
    public void Scale(ArrayView<float> y, float s)
    {
        if (y.Length > 0) { int n = Threads(y.Length); _scale(n, y, s, n); }
    }

    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="y"/>.</summary>
    /// <param name="bias">[columns].</param>
    /// <param name="y">[rows, columns].</param>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not a whole number of rows.</exception>
    public void AddRowVector(ArrayView<float> bias, ArrayView<float> y)
    {
        int rows = Rows(y, bias.Length, nameof(y));
        if (y.Length > 0) { int n = Threads(y.Length); _addRowVector(n, bias, y, n); }
    }

    /// <summary>sum[j] += Σ_r y[r, j] (bias gradients from a batch of pre-activation gradients).</summary>
    /// <param name="y">[rows, columns].</param>
    /// <param name="sum">[columns], accumulated.</param>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not a whole number of rows.</exception>
    public void AddColumnSums(ArrayView<float> y, ArrayView<float> sum)
    {
        int rows = Rows(y, sum.Length, nameof(y));
        if (sum.Length > 0) { int n = Threads(sum.Length); _addColumnSums(n, y, sum, rows, n); }
    }

    /// <summary>Threads to launch for <paramref name="elements"/> work items: one each on a GPU; on the CPU
    /// accelerator at most one group, since each group costs a barrier between OS threads (kernels loop with a stride).</summary>
    private int Threads(long elements) => (int)(_device.IsCpu ? Math.Min(elements, _device.MaxGroupSize) : elements);

    private static void Need(ArrayView<float> view, long length, string name)
    {
        if (view.Length < length) throw new ArgumentException($"Needs at least {length} elements, has {view.Length}.", name);
    }

    private static void Same<T>(ArrayView<T> view, long length, string name) where T : unmanaged
    {
        if (view.Length != length) throw new ArgumentException($"Expected {length} elements, got {view.Length}.", name);
    }

    private static int Rows(ArrayView<float> view, long columns, string name)
    {
        if (columns == 0) return 0;
        if (view.Length % columns != 0)
            throw new ArgumentException($"Length {view.Length} is not a multiple of the row length {columns}.", name);
        return (int)(view.Length / columns);
    }
}
