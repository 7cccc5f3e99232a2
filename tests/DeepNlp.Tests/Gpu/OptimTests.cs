using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class OptimTests(GpuFixture fixture)
{
    private readonly GpuDevice _device = fixture.Device;

    [Fact]
    public void AdamUpdate_ThreeSteps_MatchPyTorchFormulaInFloat64()
    {
        const int n = 37;
        var p = Reference.Random(n, 30).Select(x => (double)x).ToArray();
        var m = new double[n];
        var v = new double[n];
        using var dp = _device.Upload<float>(p.Select(x => (float)x).ToArray());
        using var dm = _device.Allocate<float>(n);
        using var dv = _device.Allocate<float>(n);
        using var dg = _device.Allocate<float>(n);

        for (int t = 1; t <= 3; t++)
        {
            var g = Reference.Random(n, 40 + t);
            dg.Upload(g);
            _device.Ops.AdamUpdate(dp, dg, dm, dv, AdamStep.At(0.01f, 0.9f, 0.999f, 1e-8f, t));
            for (int i = 0; i < n; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                p[i] -= 0.01 / (1 - Math.Pow(0.9, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8);
            }
        }

        Reference.AssertClose(p, dp.ToArray(), 1e-5, "parameters");
        Reference.AssertClose(v, dv.ToArray(), 1e-5, "second moment");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(3000)]
    public void SumOfSquares_MatchesScalarSum_AcrossGroupBoundaries(int n)
    {
        var x = Reference.Random(n, 50 + n);
        using var dx = _device.Upload<float>(x);
        using var extra = _device.Upload<float>([2f]);

        double sum = _device.Ops.SumOfSquares(dx, extra);

        double expected = x.Sum(v => (double)v * v) + 4;
        Assert.True(Math.Abs(sum - expected) <= 1e-5 * expected, $"expected {expected}, got {sum}");
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesEveryViewToMaxNorm_AndReturnsOldNorm()
    {
        float[] a = [3f, 0f], b = [0f, 4f, 0f];
        using var da = _device.Upload<float>(a);
        using var db = _device.Upload<float>(b);

        float norm = _device.Ops.ClipByGlobalNorm(1f, da, db);

        Assert.Equal(5f, norm, 5);
        float scale = 1f / (5f + 1e-6f);
        Reference.AssertClose([3f * scale, 0f], da.ToArray(), 1e-6);
        Reference.AssertClose([0f, 4f * scale, 0f], db.ToArray(), 1e-6);
    }

    [Fact]
    public void ClipByGlobalNorm_BelowThreshold_LeavesGradientsUnchanged()
    {
        float[] a = [0.3f, -0.4f];
        using var da = _device.Upload<float>(a);

        float norm = _device.Ops.ClipByGlobalNorm(5f, da);

        Assert.Equal(0.5f, norm, 5);
        Assert.Equal(a, da.ToArray());
    }
}
