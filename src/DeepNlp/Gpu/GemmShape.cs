namespace DeepNlp.Gpu;

/// <summary>Shape and scaling of one GEMM, C = α·op(A)·op(B) + β·C, passed to the GEMM kernels as one value.</summary>
/// <remarks>Row-major storage, as the CPU <c>Ops</c> GEMM, with the BLAS naming of the transposes. The flags are
/// stored as integers because ILGPU only passes blittable structs to kernels (bool is not blittable).</remarks>
public readonly struct GemmShape
{
    private readonly int _transposeA, _transposeB;

    /// <summary>Describes one GEMM.</summary>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A) = rows of op(B).</param>
    /// <param name="transposeA">When true A is stored [K, M] and op(A) = Aᵀ; otherwise A is [M, K].</param>
    /// <param name="transposeB">When true B is stored [N, K] and op(B) = Bᵀ; otherwise B is [K, N].</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the old C (0 overwrites, 1 accumulates).</param>
    public GemmShape(int m, int n, int k, bool transposeA, bool transposeB, float alpha, float beta)
    {
        (M, N, K, Alpha, Beta) = (m, n, k, alpha, beta);
        _transposeA = transposeA ? 1 : 0;
        _transposeB = transposeB ? 1 : 0;
    }

    /// <summary>Rows of op(A) and of C.</summary>
    public int M { get; }

    /// <summary>Columns of op(B) and of C.</summary>
    public int N { get; }

    /// <summary>Columns of op(A) = rows of op(B).</summary>
    public int K { get; }

    /// <summary>True when A is stored [K, M].</summary>
    public bool TransposeA => _transposeA != 0;

    /// <summary>True when B is stored [N, K].</summary>
    public bool TransposeB => _transposeB != 0;

    /// <summary>Scale of the product.</summary>
    public float Alpha { get; }

    /// <summary>Scale of the old C.</summary>
    public float Beta { get; }

    /// <summary>Element (i, k) of op(A).</summary>
    internal int IndexA(int i, int k) => _transposeA != 0 ? k * M + i : i * K + k;

    /// <summary>Element (k, j) of op(B).</summary>
    internal int IndexB(int k, int j) => _transposeB != 0 ? j * K + k : k * N + j;

    /// <inheritdoc />
    public override string ToString() => $"[{M}x{K}]{(TransposeA ? "ᵀ" : "")}·[{K}x{N}]{(TransposeB ? "ᵀ" : "")} α={Alpha} β={Beta}";
}
