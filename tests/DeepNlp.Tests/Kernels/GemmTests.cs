using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

/// <summary>The float32 GEMM against its scalar twin (<see cref="Ops.GemmReference{T}"/>) and a float64 triple loop, in one
/// driver. The shapes are the general ones (empty, single element, past one K slice, threaded) and the tiling edges: panels of
/// 1–6 (AVX2) and 1–8 (AVX-512) rows, 16/32-column tiles with a partial last one, K slices of 256 with a short last one, row
/// blocks past MC and column blocks past NC, the vector packing of A (six rows, both layouts) and its scalar tails.</summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var d = new TheoryData<int, int, int>();
        foreach (var (m, n, k) in new[]
                 {
                     (1, 1, 1), (0, 3, 2), (3, 0, 2), (2, 3, 0), (5, 7, 3), (8, 32, 17), (9, 33, 257), (32, 300, 256),
                     (130, 70, 300), (6, 16, 1), (7, 31, 64), (9, 600, 20), (1, 513, 3),
                     // tiling edges
                     (1, 16, 9), (2, 17, 8), (3, 15, 16), (4, 32, 17), (5, 48, 7), (6, 16, 257), (7, 31, 9), (11, 47, 25),
                     (12, 64, 256), (13, 65, 33), (14, 16, 520), (16, 1024, 64), (17, 40, 300), (126, 530, 41), (131, 33, 260),
                 })
            d.Add(m, n, k);
        return d;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GemmFloat_MatchesScalarTwinAndFloat64Reference_ForEveryTransposeAndAccumulate(int m, int n, int k)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var c0 = Enumerable.Range(0, m * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var twin = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();

                    Ops.GemmReference(a, b, twin, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);
                    Ops.Gemm(a, b, actual, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);

                    for (int i = 0; i < twin.Length; i++)
                        Assert.True(Math.Abs(twin[i] - actual[i]) <= 1e-4f * (1 + MathF.Sqrt(k)),
                            $"ta={ta} tb={tb} acc={acc} element {i}: scalar twin {twin[i]} vs {actual[i]}");
                    AssertCloseToFloat64(a, b, c0, actual, m, n, k, ta, tb, acc, "unpacked");

                    if (ta) continue;   // the packed overload takes op(A) as stored; op(B) is fixed at packing
                    var packedResult = (float[])c0.Clone();
                    Ops.Gemm(a, Ops.Pack<float>(b, k, n, transposeB: tb), packedResult, m, n, k, accumulate: acc);
                    AssertCloseToFloat64(a, b, c0, packedResult, m, n, k, ta, tb, acc, "packed");
                }
    }

    [Theory]
    [InlineData(16, 256, 256)]
    [InlineData(3200 / 50, 65, 256)]
    [InlineData(13, 65, 33)]
    [InlineData(131, 33, 520)]
    [InlineData(5, 7, 3)]
    public void Gemm_Overwriting_EqualsAccumulatingIntoZeros_BitForBit(int m, int n, int k)
    {
        // Without accumulate, the AVX2 kernel stores its first K slice over C (C is never cleared): a C full of NaN must
        // come out as exactly the floats that adding the same product to a zeroed C gives, sign of zero included.
        var rng = new Random(m * 31 + n + k);
        var a = Enumerable.Range(0, m * k).Select(i => i % 5 == 0 ? 0f : (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => i % 7 == 0 ? -0f : (float)(rng.NextDouble() * 2 - 1)).ToArray();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                var overwritten = Enumerable.Repeat(float.NaN, m * n).ToArray();
                var accumulated = new float[m * n];

                Ops.Gemm(a, b, overwritten, m, n, k, transposeA: ta, transposeB: tb);
                Ops.Gemm(a, b, accumulated, m, n, k, transposeA: ta, transposeB: tb, accumulate: true);

                for (int i = 0; i < overwritten.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(accumulated[i]) == BitConverter.SingleToInt32Bits(overwritten[i]),
                        $"ta={ta} tb={tb} element {i}: accumulated {accumulated[i]} vs overwritten {overwritten[i]}");
            }
    }

    [Fact]
    public void Gemm_SixteenRowBatch_EqualsTheSameRowsComputedOneByOne()
    {
        // A 16-row batch runs as panels of 6, 6 and 4 rows (AVX2) or 8 and 8 (AVX-512); each row's sums must not depend on
        // which panel it fell in, so one row at a time gives the same floats.
        var rng = new Random(16);
        int m = 16, n = 1024, k = 320;
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var packed = Ops.Pack<float>(b, k, n, transposeB: true);
        var batch = new float[m * n];
        Ops.Gemm(a, packed, batch, m, n, k);

        for (int i = 0; i < m; i += 4)
        {
            var rows = new float[4 * n];
            Ops.Gemm(a.AsSpan(i * k, 4 * k), packed, rows, 4, n, k);
            Assert.Equal(batch.AsSpan(i * n, 4 * n).ToArray(), rows);
        }
    }

    [Theory]
    [InlineData(16, 1024, 320)]
    [InlineData(13, 65, 33)]
    [InlineData(131, 33, 260)]
    [InlineData(7, 40, 600)]
    public void Gemm_RowMajorAReadInPlace_EqualsPackedTransposedA_BitForBit(int m, int n, int k)
    {
        // A row-major A is read in place by the micro-kernel, a transposed one is packed first; both feed the same
        // multiply-adds in the same order, so the same logical A gives the same floats either way.
        var rng = new Random(m + n + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var at = new float[k * m];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var inPlace = new float[m * n]; var packed = new float[m * n];

        Ops.Gemm(a, b, inPlace, m, n, k, transposeB: true);
        Ops.Gemm(at, b, packed, m, n, k, transposeA: true, transposeB: true);

        Assert.Equal(packed, inPlace);
    }

    private static void AssertCloseToFloat64(float[] a, float[] b, float[] c0, float[] actual, int m, int n, int k, bool ta, bool tb, bool acc, string path)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = acc ? c0[i * n + j] : 0, magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double x = ta ? a[p * m + i] : a[i * k + p], y = tb ? b[j * k + p] : b[p * n + j];
                    sum += x * y; magnitude += Math.Abs(x * y);
                }
                // float32 accumulation: each of the k + 1 additions rounds by at most 2^-24 of the running magnitude.
                double tolerance = 1e-6 + (k + 2) * magnitude * 6e-8;
                Assert.True(Math.Abs(actual[i * n + j] - sum) <= tolerance,
                    $"{path} [{m}x{n}x{k}] ta={ta} tb={tb} acc={acc} C[{i},{j}] = {actual[i * n + j]}, float64 reference {sum}");
            }
    }

    [Theory]
    [InlineData(3, 5, 4)]
    [InlineData(17, 9, 33)]
    public void GemmDouble_MatchesScalarReference_ForAllTransposes(int m, int n, int k)
    {
        var rng = new Random(7);
        var a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                var expected = new double[m * n];
                var actual = Enumerable.Repeat(9.0, m * n).ToArray();

                Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb);
                Ops.Gemm(a, b, actual, m, n, k, transposeA: ta, transposeB: tb);

                for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
            }
    }

    [Fact]
    public void Gemm_ShortDestination_ThrowsNamingC()
    {
        var a = new float[6]; var b = new float[6]; var c = new float[3];

        var e = Assert.Throws<ArgumentException>(() => Ops.Gemm(a, b, c, 2, 2, 3));

        Assert.Equal("c", e.ParamName);
    }

    [Fact]
    public void Gemm_SingleThreaded_EqualsMultiThreaded()
    {
        var rng = new Random(3);
        int m = 96, n = 300, k = 200;
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var one = new float[m * n]; var many = new float[m * n];
        int saved = Ops.MaxThreads;

        try
        {
            Ops.MaxThreads = 1; Ops.Gemm(a, b, one, m, n, k, transposeB: true);
            Ops.MaxThreads = 2; Ops.Gemm(a, b, many, m, n, k, transposeB: true);
        }
        finally { Ops.MaxThreads = saved; }

        Assert.Equal(one, many);
    }
}

public class PackedGemmTests
{
    [Theory]
    [InlineData(32, 1024, 256)]
    [InlineData(5, 70, 300)]
    [InlineData(33, 600, 40)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 70, 300)]
    [InlineData(3, 1024, 256)]
    public void PackedGemm_EqualsUnpacked_BothLayouts(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        foreach (bool tb in new[] { false, true })
        {
            var expected = Enumerable.Repeat(1f, m * n).ToArray();
            var actual = Enumerable.Repeat(1f, m * n).ToArray();

            DeepNlp.Numerics.Ops.Gemm(a, b, expected, m, n, k, transposeB: tb, accumulate: true);
            var packed = DeepNlp.Numerics.Ops.Pack<float>(b, k, n, transposeB: tb);
            DeepNlp.Numerics.Ops.Gemm(a, packed, actual, m, n, k, accumulate: true);

            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
        }
    }
}
