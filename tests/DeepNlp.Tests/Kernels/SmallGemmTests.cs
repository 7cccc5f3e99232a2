using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

// The small-product float32 paths (few rows, the batch-1 RNN's shapes) against the textbook triple loop.
public class SmallGemmTests
{
    private static float[] Random(int n, Random rng) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1))];

    // Every element within 1e-5·(1 + k) of the reference: float rounding grows with the length of each dot product.
    private static void AssertClose(float[] expected, float[] actual, int k, string context)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + k), $"{context} element {i}: {expected[i]} vs {actual[i]}");
    }

    public static TheoryData<int, int, int> Shapes()
    {
        var d = new TheoryData<int, int, int>();
        foreach (var (m, n, k) in new[] { (4, 1, 1), (4, 16, 8), (5, 17, 9), (25, 100, 100), (25, 65, 100), (65, 100, 25), (100, 100, 25),
                     (7, 64, 3), (6, 65, 33), (33, 129, 7), (25, 100, 65), (4, 512, 128), (64, 63, 64) })
            d.Add(m, n, k);
        return d;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SmallProducts_MatchScalarReference_ForAllTransposes(int m, int n, int k)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        var a = Random(m * k, rng); var b = Random(k * n, rng); var c0 = Random(m * n, rng);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var expected = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();

                    Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);
                    Ops.Gemm(a, b, actual, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);

                    AssertClose(expected, actual, k, $"ta={ta} tb={tb} acc={acc}");
                }
    }

    [Theory]
    [InlineData(25, 100, 65)]
    [InlineData(100, 65, 25)]
    [InlineData(5, 17, 40)]
    public void OneHotOperands_MatchScalarReference_ForAllTransposes(int m, int n, int k)
    {
        // One non-zero per row (x_t = e_w) in A, then in B: the products of a one-hot-input RNN and of its W_ih gradient.
        var rng = new Random(m + n + k);
        var dense = Random(m * k, rng); var denseB = Random(k * n, rng); var c0 = Random(m * n, rng);
        var oneHotA = new float[m * k]; var oneHotB = new float[k * n];
        for (int r = 0; r < m; r++) oneHotA[r * k + rng.Next(k)] = 1.5f;
        for (int r = 0; r < k; r++) oneHotB[r * n + rng.Next(n)] = -0.5f;
        foreach (var (a, b) in new[] { (oneHotA, denseB), (dense, oneHotB) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var expected = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();

                    Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb, accumulate: true);
                    Ops.Gemm(a, b, actual, m, n, k, transposeA: ta, transposeB: tb, accumulate: true);

                    AssertClose(expected, actual, k, $"ta={ta} tb={tb}");
                }
    }

    [Theory]
    [InlineData(1, 100, 100)]
    [InlineData(1, 65, 100)]
    [InlineData(2, 129, 7)]
    [InlineData(3, 300, 300)]
    [InlineData(1, 33, 1)]
    public void PackedRows_MatchScalarReference_BothLayoutsOfAAndB(int m, int n, int k)
    {
        var rng = new Random(m + 13 * n + k);
        var a = Random(m * k, rng); var b = Random(k * n, rng); var c0 = Random(m * n, rng);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                var expected = (float[])c0.Clone();
                var actual = (float[])c0.Clone();
                var packed = Ops.Pack<float>(b, k, n, transposeB: tb);

                Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb, accumulate: true);
                Ops.Gemm(a, packed, actual, m, n, k, transposeA: ta, accumulate: true);

                AssertClose(expected, actual, k, $"ta={ta} tb={tb}");
            }
    }

    [Theory]
    [InlineData(1, 100, 100)]
    [InlineData(1, 65, 100)]
    [InlineData(2, 129, 7)]
    [InlineData(3, 300, 300)]
    [InlineData(1, 16, 5)]
    [InlineData(3, 144, 1)]
    [InlineData(6, 100, 100)]
    public void PackedForFewRows_MatchesScalarReference_ForAnyRowCount(int m, int n, int k)
    {
        var rng = new Random(m + 17 * n + k);
        var a = Random(m * k, rng); var b = Random(k * n, rng); var c0 = Random(m * n, rng);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var expected = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();
                    var packed = Ops.Pack<float>(b, k, n, transposeB: tb, rows: 1);   // row-major layout, used here with m rows

                    Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);
                    Ops.Gemm(a, packed, actual, m, n, k, transposeA: ta, accumulate: acc);

                    AssertClose(expected, actual, k, $"ta={ta} tb={tb} acc={acc}");
                }
    }

    // The AVX2 twin of the row-major matrix-vector kernel, called directly so that an AVX-512 machine tests it too: every
    // row count and column count from one to past two 64-column passes, against the reference and, where AVX-512 is
    // present, bit for bit against the AVX-512 kernels (each column is one chain over p from zero, added to C last).
    [Theory]
    [InlineData(1, 100, 100)]
    [InlineData(1, 65, 100)]
    [InlineData(2, 129, 7)]
    [InlineData(3, 300, 300)]
    [InlineData(1, 1, 1)]
    [InlineData(5, 100, 25)]
    public unsafe void RowsAvx2_MatchesScalarReference_AndAvx512BitForBit(int m, int n, int k)
    {
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported || !System.Runtime.Intrinsics.X86.Fma.IsSupported) return;   // nothing to run
        for (int cols = Math.Max(1, n - 70); cols <= n; cols += cols < n - 20 ? 9 : 1)
        {
            var rng = new Random(m + 13 * cols + k);
            var a = Random(m * k, rng); var b = Random(k * cols, rng); var c0 = Random(m * cols, rng);
            foreach (bool ta in new[] { false, true })
            {
                var expected = (float[])c0.Clone();
                var actual = (float[])c0.Clone();

                Ops.GemmReference(a, b, expected, m, cols, k, transposeA: ta, accumulate: true);
                fixed (float* pa = a, pb = b, pc = actual) SmallGemmF32.RowsAvx2(ta, m, cols, k, pa, pb, pc);

                AssertClose(expected, actual, k, $"n={cols} ta={ta}");
                if (!SmallGemmF32.IsSupported) continue;
                var wide = (float[])c0.Clone();
                SmallGemmF32.RunRowMajor(ta, m, cols, k, a, b, wide, accumulate: true);
                Assert.Equal(wide, actual);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(13, 100)]
    [InlineData(100, 65)]
    [InlineData(17, 9)]
    public unsafe void Transpose_MovesEveryElement(int rows, int cols)
    {
        var src = Random(rows * cols, new Random(rows * cols));
        var dst = new float[rows * cols];

        fixed (float* s = src, d = dst) SmallGemmF32.Transpose(s, rows, cols, cols, d, rows);

        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) Assert.Equal(src[r * cols + c], dst[c * rows + r]);
    }
}
