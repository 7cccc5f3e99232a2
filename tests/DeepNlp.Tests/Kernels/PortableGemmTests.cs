using DeepNlp.Kernels;
using DeepNlp.Numerics;

namespace DeepNlp.Tests.Kernels;

/// <summary>The portable (Vector128) GEMM the browser runs, against the native wide kernel on the same machine.</summary>
public class PortableGemmTests
{
    public static TheoryData<int, int, int> OddShapes()
    {
        var d = new TheoryData<int, int, int>();
        foreach (var (m, n, k) in new[] { (1, 1, 1), (0, 3, 2), (3, 0, 2), (2, 3, 0), (3, 17, 5), (5, 7, 3), (4, 16, 1), (7, 31, 64),
                     (9, 33, 257), (32, 1024, 64), (13, 529, 300), (1, 513, 3), (6, 15, 600) })
            d.Add(m, n, k);
        return d;
    }

    private static float[] Random(Random rng, int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

    private static void AssertClose(float[] expected, float[] actual, int k, string what)
    {
        float tolerance = 1e-5f * (1 + MathF.Sqrt(k));   // float32 rounding of a k-term sum of products in [-1, 1], FMA vs mul+add
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what} element {i}: native {expected[i]} vs portable {actual[i]}");
    }

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void PortableGemm_EqualsNativeGemm_ForAllTransposesAndAccumulate(int m, int n, int k)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), c0 = Random(rng, m * n);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var native = (float[])c0.Clone();
                    var portable = (float[])c0.Clone();
                    GemmF32.Run(ta, tb, m, n, k, a, b, native, acc);
                    GemmF32Portable.Run(ta, tb, m, n, k, a, b, portable, acc, bIsPacked: false);
                    AssertClose(native, portable, k, $"[{m},{n},{k}] ta={ta} tb={tb} acc={acc}");
                }
    }

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void PortableGemm_ReadsTheNativePackedLayout(int m, int n, int k)
    {
        var rng = new Random(m + 1000 * n + k);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), c0 = Random(rng, m * n);
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
            {
                var packed = new float[GemmF32.PackedLength(k, n)];
                GemmF32.PackAll(tb, k, n, b, packed);
                var native = (float[])c0.Clone();
                var portable = (float[])c0.Clone();
                GemmF32.Run(ta, false, m, n, k, a, packed, native, accumulate: true, bIsPacked: true);
                GemmF32Portable.Run(ta, false, m, n, k, a, packed, portable, accumulate: true, bIsPacked: true);
                AssertClose(native, portable, k, $"packed [{m},{n},{k}] ta={ta} tb={tb}");
            }
    }

    [Fact]
    public void PortableGemm_MatchesScalarReference_OnAnLstmStepShape()
    {
        // The browser's hot product: a batch of 32 hidden states times W_hhᵀ (H 256, 4H gates), packed as the layer does.
        const int m = 32, n = 1024, k = 256;
        var rng = new Random(5);
        float[] a = Random(rng, m * k), w = Random(rng, n * k);
        var expected = new float[m * n];
        Ops.GemmReference(a, w, expected, m, n, k, transposeB: true);
        var packed = new float[GemmF32.PackedLength(k, n)];
        GemmF32.PackAll(true, k, n, w, packed);
        var portable = Enumerable.Repeat(float.NaN, m * n).ToArray();
        GemmF32Portable.Run(false, false, m, n, k, a, packed, portable, accumulate: false, bIsPacked: true);
        AssertClose(expected, portable, k, "LSTM step");
    }
}
