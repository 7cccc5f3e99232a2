using DeepNlp.Kernels;

namespace DeepNlp.Tests.Kernels;

/// <summary>The GRU's fused pointwise kernel (fast tier): float SIMD equals the double kernel.</summary>
public class GruKernelTests
{
    [Fact]
    public void GruPointwise_Float_MatchesDoubleKernel_ForHidden1To40()
    {
        for (int H = 1; H <= 40; H++)
        {
            var rng = new Random(100 + H);
            double[] R(int n, double s) => [.. Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * s)];
            double[] zx = R(6 * H, 4), zh = R(6 * H, 4), hp = R(2 * H, 1), dh = R(2 * H, 1);
            float[] F(double[] a) => [.. a.Select(v => (float)v)];
            double[] gd = (double[])zx.Clone(), hnd = new double[2 * H], hd = new double[2 * H], dxd = new double[6 * H], dud = new double[6 * H], dhd = (double[])dh.Clone();
            float[] gf = F(zx), hnf = new float[2 * H], hf = new float[2 * H], dxf = new float[6 * H], duf = new float[6 * H], dhf = F(dh);

            GruKernel.Forward<double>(gd, zh, hp, hnd, hd, H);
            GruKernel.Backward<double>(gd, hnd, hp, dhd, dxd, dud, H);
            GruKernel.Forward<float>(gf, F(zh), F(hp), hnf, hf, H);
            GruKernel.Backward<float>(gf, hnf, F(hp), dhf, dxf, duf, H);

            for (int i = 0; i < 6 * H; i++) { Assert.Equal(gd[i], gf[i], 5e-6); Assert.Equal(dxd[i], dxf[i], 5e-6); Assert.Equal(dud[i], duf[i], 5e-6); }
            for (int i = 0; i < 2 * H; i++) { Assert.Equal(hd[i], hf[i], 5e-6); Assert.Equal(dhd[i], dhf[i], 5e-6); }
        }
    }
}
