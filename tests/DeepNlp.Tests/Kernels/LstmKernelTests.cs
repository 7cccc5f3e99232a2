using DeepNlp.Kernels;

namespace DeepNlp.Tests.Kernels;

/// <summary>The LSTM's fused pointwise kernel (fast tier) equals the step's definition in double.</summary>
public class LstmKernelTests
{
    [Fact]
    public void LstmPointwise_Float_MatchesDoubleDefinition_ForHidden1To40()
    {
        for (int H = 1; H <= 40; H++)
        {
            var rng = new Random(H);
            var z = Enumerable.Range(0, 2 * 4 * H).Select(_ => (float)(rng.NextDouble() * 16 - 8)).ToArray();
            var cPrev = Enumerable.Range(0, 2 * H).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            var dh = Enumerable.Range(0, 2 * H).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var dcIn = Enumerable.Range(0, 2 * H).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var gates = (float[])z.Clone();
            float[] c = new float[2 * H], tc = new float[2 * H], h = new float[2 * H], dz = new float[8 * H], dc = (float[])dcIn.Clone();

            LstmKernel.Forward<float>(gates, cPrev, c, tc, h, H);
            LstmKernel.Backward<float>(gates, cPrev, tc, dh, dc, dz, H);

            for (int b = 0; b < 2; b++)
                for (int j = 0; j < H; j++)
                {
                    double S(double x) => 1 / (1 + Math.Exp(-x));
                    int r = b * 4 * H;
                    double i = S(z[r + j]), f = S(z[r + H + j]), g = Math.Tanh(z[r + 2 * H + j]), o = S(z[r + 3 * H + j]);
                    double cc = f * cPrev[b * H + j] + i * g, t = Math.Tanh(cc);
                    double dcv = dcIn[b * H + j] + dh[b * H + j] * o * (1 - t * t);
                    Assert.Equal(cc, c[b * H + j], 5e-6);
                    Assert.Equal(o * t, h[b * H + j], 5e-6);
                    Assert.Equal(g, gates[r + 2 * H + j], 5e-6);
                    Assert.Equal(dcv * g * i * (1 - i), dz[r + j], 5e-6);
                    Assert.Equal(dcv * cPrev[b * H + j] * f * (1 - f), dz[r + H + j], 5e-6);
                    Assert.Equal(dh[b * H + j] * t * o * (1 - o), dz[r + 3 * H + j], 5e-6);
                    Assert.Equal(dcv * f, dc[b * H + j], 5e-6);
                }
        }
    }

    [Fact]
    public void VectorTanhAndSigmoid_SaturateWithoutNaN()
    {
        var x = new System.Numerics.Vector<float>(200f);

        Assert.Equal(1f, Pointwise.TanhV(x)[0]);
        Assert.Equal(-1f, Pointwise.TanhV(-x)[0]);
        Assert.Equal(1f, Pointwise.SigmoidV(x)[0]);
        Assert.Equal(0f, Pointwise.SigmoidV(-x)[0]);
    }
}
