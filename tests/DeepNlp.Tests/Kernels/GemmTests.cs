using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var d = new TheoryData<int, int, int>();
        foreach (var (m, n, k) in new[] { (1, 1, 1), (0, 3, 2), (3, 0, 2), (2, 3, 0), (5, 7, 3), (8, 32, 17), (9, 33, 257), (32, 300, 256),
                     (130, 70, 300), (6, 16, 1), (7, 31, 64), (9, 600, 20), (1, 513, 3) })
            d.Add(m, n, k);
        return d;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GemmFloat_MatchesScalarReference_ForAllTransposes(int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var c0 = Enumerable.Range(0, m * n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var expected = (float[])c0.Clone();
                    var actual = (float[])c0.Clone();

                    Ops.GemmReference(a, b, expected, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);
                    Ops.Gemm(a, b, actual, m, n, k, transposeA: ta, transposeB: tb, accumulate: acc);

                    for (int i = 0; i < expected.Length; i++)
                        Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + MathF.Sqrt(k)),
                            $"ta={ta} tb={tb} acc={acc} element {i}: {expected[i]} vs {actual[i]}");
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
