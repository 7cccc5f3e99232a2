using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DeepNlp.Numerics;

namespace DeepNlp.Kernels;

/// <summary>Float32 scaled dot-product attention for one (sequence, head) pair with a small head size d: the six products
/// of the forward and backward pass as register-tiled AVX2/FMA loops that skip the masked (upper) triangle when causal.</summary>
/// <remarks>
/// <para>Why not the GEMM: each product is only [T, T, d] (128 × 128 × 32 in the benchmark), so the general GEMM's packing of
/// both operands costs as much as the multiply-adds, and it cannot know that half of P and ∂S are zero. Here every product
/// is C (+)= a·B with a read through two strides (so Pᵀ and ∂Sᵀ need no transposed copy) and B row-major: a 4 × 16 tile of
/// C in eight YMM accumulators, one broadcast of a per row and two loads of B per inner step. Kᵀ and Vᵀ, the only
/// transposed operands, are copied once per pair (T·d floats).</para>
/// <para>Causal bands, for a tile of rows i0 … i0+3: S and ∂P stop at column i0+3 (columns further right are left as
/// they were; the softmax clears them); P·V and ∂S·K sum over keys j &lt; i0+4 (P and ∂S are exactly 0 above the
/// diagonal); Pᵀ·∂O and ∂Sᵀ·Q sum over queries i ≥ i0. Every entry is summed in the order of its inner index, one FMA at a
/// time, so a pair's result does not depend on the thread that computes it. <see cref="ProductReference"/> is the
/// scalar twin the tests compare with.</para>
/// </remarks>
internal static unsafe class AttentionF32
{
    /// <summary>The tiled loops need AVX2 and FMA; without them the layer keeps its GEMM path.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Rows of C per register tile (the causal bands are rounded to it).</summary>
    internal const int TileRows = 4;

    /// <summary>Which part of a product the causal mask leaves to compute, for a tile of rows starting at i0.</summary>
    internal enum Band
    {
        /// <summary>Everything: no mask, or a key-padding mask only.</summary>
        Full,
        /// <summary>Columns j &lt; i0 + <see cref="TileRows"/> only (S = Q Kᵀ, ∂P = ∂O Vᵀ).</summary>
        ColumnsToRow,
        /// <summary>Inner index p &lt; i0 + <see cref="TileRows"/> (P V, ∂S K: a is lower-triangular).</summary>
        InnerToRow,
        /// <summary>Inner index p ≥ i0 (Pᵀ ∂O, ∂Sᵀ Q: a is upper-triangular).</summary>
        InnerFromRow,
    }

    [ThreadStatic] private static float[]? _transposed;

    /// <summary>Forward of one pair: P = softmax(Q Kᵀ·scale + mask) (upper triangle exactly 0 when causal), O = P V.</summary>
    /// <param name="q">Q [T, d].</param>
    /// <param name="k">K [T, d].</param>
    /// <param name="v">V [T, d].</param>
    /// <param name="p">P [T, T], written.</param>
    /// <param name="o">O [T, d], written.</param>
    /// <param name="time">T.</param>
    /// <param name="d">Head size.</param>
    /// <param name="scale">1/√d.</param>
    /// <param name="causal">Query i sees keys 0..i.</param>
    /// <param name="keyPadding">[T], true for a padding key, or empty.</param>
    public static void Forward(float* q, float* k, float* v, float* p, float* o, int time, int d, float scale, bool causal, ReadOnlySpan<bool> keyPadding)
    {
        float* kt = Scratch(time * d);
        Transpose(k, time, d, kt);                                                                    // Kᵀ [d, T]
        Product(time, time, d, q, d, 1, kt, time, p, time, causal ? Band.ColumnsToRow : Band.Full, accumulate: false);   // S = Q Kᵀ
        for (int i = 0; i < time; i++)
        {
            var live = new Span<float>(p + (long)i * time, causal ? i + 1 : time);
            TensorPrimitives.Multiply(live, scale, live);                                             //   / √d
        }
        Ops.MaskedSoftmaxRows(new Span<float>(p, time * time), time, causal, keyPadding);            // P = softmax(S + mask)
        Product(time, d, time, p, time, 1, v, d, o, d, causal ? Band.InnerToRow : Band.Full, accumulate: false);         // O = P V
    }

    /// <summary>Backward of one pair: ∂V = Pᵀ ∂O, ∂S = P ⊙ (∂P - rowsum(P ⊙ ∂P))·scale with ∂P = ∂O Vᵀ, ∂Q = ∂S K, ∂K = ∂Sᵀ Q.</summary>
    /// <param name="q">Q [T, d] of the forward pass.</param>
    /// <param name="k">K [T, d].</param>
    /// <param name="v">V [T, d].</param>
    /// <param name="p">P [T, T] of the forward pass.</param>
    /// <param name="dO">∂O [T, d].</param>
    /// <param name="ds">Scratch [T, T] for ∂P and then ∂S.</param>
    /// <param name="dq">∂Q [T, d], written.</param>
    /// <param name="dk">∂K [T, d], written.</param>
    /// <param name="dv">∂V [T, d], written.</param>
    /// <param name="time">T.</param>
    /// <param name="d">Head size.</param>
    /// <param name="scale">1/√d.</param>
    /// <param name="causal">Whether the forward pass was causal.</param>
    public static void Backward(float* q, float* k, float* v, float* p, float* dO, float* ds, float* dq, float* dk, float* dv,
        int time, int d, float scale, bool causal)
    {
        float* vt = Scratch(time * d);
        Transpose(v, time, d, vt);                                                                    // Vᵀ [d, T]
        Product(time, time, d, dO, d, 1, vt, time, ds, time, causal ? Band.ColumnsToRow : Band.Full, accumulate: false);   // ∂P = ∂O Vᵀ
        Product(time, d, time, p, 1, time, dO, d, dv, d, causal ? Band.InnerFromRow : Band.Full, accumulate: false);       // ∂V = Pᵀ ∂O
        for (int i = 0; i < time; i++)
        {
            int live = causal ? i + 1 : time;
            var pr = new ReadOnlySpan<float>(p + (long)i * time, live);
            var dr = new Span<float>(ds + (long)i * time, live);
            float dot = TensorPrimitives.Dot(pr, dr);                                                 // Σ_j P_ij ∂P_ij
            TensorPrimitives.Subtract(dr, dot, dr);
            TensorPrimitives.Multiply(dr, pr, dr);                                                    // ∂S = P ⊙ (∂P - dot)
            TensorPrimitives.Multiply(dr, scale, dr);                                                 //   / √d
            if (causal)                                                                               // the tile's part above the diagonal, read by the next two products
                new Span<float>(ds + (long)i * time + live, Math.Min(time, (i / TileRows + 1) * TileRows) - live).Clear();
        }
        Product(time, d, time, ds, time, 1, k, d, dq, d, causal ? Band.InnerToRow : Band.Full, accumulate: false);        // ∂Q = ∂S K
        Product(time, d, time, ds, 1, time, q, d, dk, d, causal ? Band.InnerFromRow : Band.Full, accumulate: false);      // ∂K = ∂Sᵀ Q
    }

    /// <summary>C[i, j] (+)= Σ_p a(i, p) B[p, j] over the band, with a(i, p) = a[i·sa + p·sp], B [k, n] and C [m, n] row-major
    /// (leading dimensions ldb, ldc). Entries outside a <see cref="Band.ColumnsToRow"/> band are not written.</summary>
    internal static void Product(int m, int n, int k, float* a, int sa, int sp, float* b, int ldb, float* c, int ldc, Band band, bool accumulate)
    {
        for (int i0 = 0; i0 < m; i0 += TileRows)
        {
            int rows = Math.Min(TileRows, m - i0);
            int p0 = band == Band.InnerFromRow ? Math.Min(i0, k) : 0;
            int p1 = band == Band.InnerToRow ? Math.Min(k, i0 + TileRows) : k;
            int cols = band == Band.ColumnsToRow ? Math.Min(n, i0 + TileRows) : n;
            float* ai = a + (long)i0 * sa, ci = c + (long)i0 * ldc;
            int j = 0;
            if (rows == TileRows)
            {
                for (; j + 16 <= cols; j += 16) Tile4x16(ai, sa, sp, b + j, ldb, p0, p1, ci + j, ldc, accumulate);
                for (; j + 8 <= cols; j += 8) Tile4x8(ai, sa, sp, b + j, ldb, p0, p1, ci + j, ldc, accumulate);
            }
            if (j < cols) Scalar(rows, j, cols, ai, sa, sp, b, ldb, p0, p1, ci, ldc, accumulate);
        }
    }

    /// <summary>The scalar twin of <see cref="Product"/> (same band, same summation order), for tests.</summary>
    internal static void ProductReference(int m, int n, int k, float* a, int sa, int sp, float* b, int ldb, float* c, int ldc, Band band, bool accumulate)
    {
        for (int i0 = 0; i0 < m; i0 += TileRows)
        {
            int p0 = band == Band.InnerFromRow ? Math.Min(i0, k) : 0;
            int p1 = band == Band.InnerToRow ? Math.Min(k, i0 + TileRows) : k;
            int cols = band == Band.ColumnsToRow ? Math.Min(n, i0 + TileRows) : n;
            Scalar(Math.Min(TileRows, m - i0), 0, cols, a + (long)i0 * sa, sa, sp, b, ldb, p0, p1, c + (long)i0 * ldc, ldc, accumulate);
        }
    }

    private static void Scalar(int rows, int j0, int j1, float* a, int sa, int sp, float* b, int ldb, int p0, int p1, float* c, int ldc, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
            for (int j = j0; j < j1; j++)
            {
                float s = accumulate ? c[(long)r * ldc + j] : 0f;
                for (int p = p0; p < p1; p++) s = MathF.FusedMultiplyAdd(a[(long)r * sa + (long)p * sp], b[(long)p * ldb + j], s);
                c[(long)r * ldc + j] = s;
            }
    }

    // Four rows of C, sixteen columns: eight accumulators, per inner step two loads of B and four broadcasts of a.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x16(float* a, int sa, int sp, float* b, int ldb, int p0, int p1, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate)
        {
            c00 = Avx.LoadVector256(c); c01 = Avx.LoadVector256(c + 8);
            c10 = Avx.LoadVector256(c + ldc); c11 = Avx.LoadVector256(c + ldc + 8);
            c20 = Avx.LoadVector256(c + 2 * ldc); c21 = Avx.LoadVector256(c + 2 * ldc + 8);
            c30 = Avx.LoadVector256(c + 3 * ldc); c31 = Avx.LoadVector256(c + 3 * ldc + 8);
        }
        else c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
        float* ap = a + (long)p0 * sp, bp = b + (long)p0 * ldb;
        nint s1 = sa, s2 = 2 * sa, s3 = 3 * sa;
        for (int p = p0; p < p1; p++, ap += sp, bp += ldb)
        {
            var b0 = Avx.LoadVector256(bp); var b1 = Avx.LoadVector256(bp + 8);
            var x = Vector256.Create(ap[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(ap[s1]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(ap[s2]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(ap[s3]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
        }
        Avx.Store(c, c00); Avx.Store(c + 8, c01);
        Avx.Store(c + ldc, c10); Avx.Store(c + ldc + 8, c11);
        Avx.Store(c + 2 * ldc, c20); Avx.Store(c + 2 * ldc + 8, c21);
        Avx.Store(c + 3 * ldc, c30); Avx.Store(c + 3 * ldc + 8, c31);
    }

    // Four rows, eight columns: the column tail of Tile4x16 (head sizes that are a multiple of 8 but not of 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x8(float* a, int sa, int sp, float* b, int ldb, int p0, int p1, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c0, c1, c2, c3;
        if (accumulate) { c0 = Avx.LoadVector256(c); c1 = Avx.LoadVector256(c + ldc); c2 = Avx.LoadVector256(c + 2 * ldc); c3 = Avx.LoadVector256(c + 3 * ldc); }
        else c0 = c1 = c2 = c3 = Vector256<float>.Zero;
        float* ap = a + (long)p0 * sp, bp = b + (long)p0 * ldb;
        nint s1 = sa, s2 = 2 * sa, s3 = 3 * sa;
        for (int p = p0; p < p1; p++, ap += sp, bp += ldb)
        {
            var b0 = Avx.LoadVector256(bp);
            c0 = Fma.MultiplyAdd(Vector256.Create(ap[0]), b0, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(ap[s1]), b0, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(ap[s2]), b0, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(ap[s3]), b0, c3);
        }
        Avx.Store(c, c0); Avx.Store(c + ldc, c1); Avx.Store(c + 2 * ldc, c2); Avx.Store(c + 3 * ldc, c3);
    }

    // dst [cols, rows] = srcᵀ for src [rows, cols].
    private static void Transpose(float* src, int rows, int cols, float* dst)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) dst[(long)c * rows + r] = src[(long)r * cols + c];
    }

    // A per-thread buffer of at least n floats; the caller finishes with it before it calls Scratch again.
    private static float* Scratch(int n)
    {
        var buffer = _transposed;
        if (buffer is null || buffer.Length < n) _transposed = buffer = GC.AllocateUninitializedArray<float>(n, pinned: true);
        return (float*)Unsafe.AsPointer(ref buffer[0]);
    }
}
