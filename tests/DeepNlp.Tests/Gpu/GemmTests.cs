using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class GemmTests(GpuFixture fixture)
{
    private readonly GpuDevice _device = fixture.Device;

    public static TheoryData<bool, bool, float> Variants => new()
    {
        { false, false, 0f }, { false, true, 0f }, { true, false, 0f }, { true, true, 0f }, { false, true, 1f }, { true, false, 0.5f },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Naive_MatchesScalarReference_AllTransposes(bool ta, bool tb, float beta) => Check(GemmKernel.Naive, 17, 19, 21, ta, tb, beta);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Tiled_MatchesScalarReference_AllTransposes_RaggedEdges(bool ta, bool tb, float beta) => Check(GemmKernel.Tiled, 18, 33, 20, ta, tb, beta);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Blocked_MatchesScalarReference_AllTransposes_RaggedEdges(bool ta, bool tb, float beta) => Check(GemmKernel.Blocked, 37, 18, 23, ta, tb, beta);

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(16, 16, 16)]
    [InlineData(3, 1, 40)]
    [InlineData(5, 7, 0)]
    public void AllKernels_MatchReference_OddShapes(int m, int n, int k)
    {
        Check(GemmKernel.Tiled, m, n, k, false, true, 0f);
        Check(GemmKernel.Blocked, m, n, k, false, true, 0f);
        Check(GemmKernel.Naive, m, n, k, false, true, 0f);
    }

    [Fact]
    public void Gemm_ShortOutput_ThrowsNamingC()
    {
        using var a = _device.Allocate<float>(6);
        using var b = _device.Allocate<float>(6);
        using var c = _device.Allocate<float>(3);

        var error = Assert.Throws<ArgumentException>(() => _device.Ops.Gemm(a, b, c, new GemmShape(2, 2, 3, false, false, 1f, 0f)));

        Assert.Equal("c", error.ParamName);
    }

    private void Check(GemmKernel kernel, int m, int n, int k, bool ta, bool tb, float beta)
    {
        var a = Reference.Random(m * k, 1);
        var b = Reference.Random(k * n, 2);
        var c0 = Reference.Random(m * n, 3);
        using var da = _device.Upload<float>(a);
        using var db = _device.Upload<float>(b);
        using var dc = _device.Upload<float>(c0);
        var shape = new GemmShape(m, n, k, ta, tb, 1.5f, beta);

        if (kernel == GemmKernel.Naive) _device.Ops.GemmNaive(da, db, dc, shape);
        else if (kernel == GemmKernel.Tiled) _device.Ops.GemmTiled(da, db, dc, shape);
        else _device.Ops.GemmBlocked(da, db, dc, shape);

        var expected = Reference.Gemm(a, b, c0, m, n, k, ta, tb, 1.5, beta);
        Reference.AssertClose(expected, dc.ToArray(), 1e-5, $"{kernel} {m}x{n}x{k} tA={ta} tB={tb}");
    }
}
