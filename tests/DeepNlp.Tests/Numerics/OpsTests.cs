using DeepNlp.Numerics;

namespace DeepNlp.Tests.Numerics;

public class OpsTests
{
    private static float[] Random(int n, int seed, double scale = 4)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    [Fact]
    public void Tanh_Float64_KeepsFullRelativeAccuracyNearZero_InPlaceAndAcrossChunks()
    {
        var x = Enumerable.Range(0, 600).Select(i => (i % 2 == 0 ? 1 : -1) * Math.Pow(10, -9 + i * 0.015)).ToArray();
        var expected = x.Select(Math.Tanh).ToArray();

        Ops.Tanh<double>(x, x);

        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], x[i], Math.Abs(expected[i]) * 1e-15);
    }

    [Fact]
    public void SigmoidAndTanh_MatchScalarTwins_ForLengths0To70()
    {
        for (int n = 0; n <= 70; n++)
        {
            var x = Random(n, n);
            var s = new float[n]; var sr = new float[n]; var t = new float[n]; var tr = new float[n];

            Ops.Sigmoid<float>(x, s); Ops.SigmoidReference<float>(x, sr);
            Ops.Tanh<float>(x, t); Ops.TanhReference<float>(x, tr);

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(sr[i], s[i], 5e-6f);
                Assert.Equal(tr[i], t[i], 5e-6f);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 17)]
    [InlineData(4, 1024)]
    public void RepeatRows_SetsEveryRowToTheVector(int rows, int cols)
    {
        var row = Random(cols, cols);
        var m = Random(rows * cols, 7);

        Ops.RepeatRows<float>(row, m);

        for (int i = 0; i < rows * cols; i++) Assert.Equal(row[i % cols], m[i]);
    }

    [Fact]
    public void RepeatRows_LengthNotAMultiple_ThrowsNamingMatrix()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.RepeatRows<float>(new float[3], new float[7]));

        Assert.Equal("matrix", e.ParamName);
    }

    [Fact]
    public void Softmax_LogitsOf1000_DoNotOverflow()
    {
        float[] z = [1000f, 999f, 998f];
        var p = new float[3];

        Ops.Softmax<float>(z, p);

        double e1 = Math.Exp(-1), e2 = Math.Exp(-2), sum = 1 + e1 + e2;
        Assert.Equal(1 / sum, p[0], 1e-6);
        Assert.Equal(e1 / sum, p[1], 1e-6);
        Assert.Equal(1000 + Math.Log(sum), Ops.LogSumExp<float>(z), 1e-3);
    }

    [Fact]
    public void Softmax_MatchesScalarTwin_ForLengths1To70()
    {
        for (int n = 1; n <= 70; n++)
        {
            var x = Random(n, 100 + n, 30);
            var p = new float[n]; var pr = new float[n];

            Ops.Softmax<float>(x, p); Ops.SoftmaxReference<float>(x, pr);

            for (int i = 0; i < n; i++) Assert.Equal(pr[i], p[i], 1e-6f);
        }
    }

    [Fact]
    public void FusedGradients_MatchDefinitions_InPlace()
    {
        for (int n = 0; n <= 40; n++)
        {
            var dy = Random(n, 1); var y = Random(n, 2, 1); var o = Random(n, 3, 1);
            var acc = Random(n, 4);
            var sg = (float[])dy.Clone(); var tg = new float[n]; var tga = (float[])acc.Clone();

            Ops.SigmoidGrad<float>(sg, y, sg);
            Ops.TanhGrad<float>(dy, y, tg);
            Ops.TanhGradAdd<float>(dy, o, y, tga);

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(dy[i] * y[i] * (1 - y[i]), sg[i], 1e-6f);
                Assert.Equal(dy[i] * (1 - y[i] * y[i]), tg[i], 1e-6f);
                Assert.Equal(acc[i] + dy[i] * o[i] * (1 - y[i] * y[i]), tga[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void MulAdd_ShortDestination_ThrowsNamingDestination()
    {
        var a = new float[4];

        var e = Assert.Throws<ArgumentException>(() => Ops.MulAdd<float>(a, a, a, a, new float[3]));

        Assert.Equal("destination", e.ParamName);
    }

    [Fact]
    public void Orthogonal_GivesOrthonormalRows()
    {
        var w = new double[6 * 10];

        Init.Orthogonal<double>(w, 6, 10, new Random(1));

        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
            {
                double dot = 0;
                for (int c = 0; c < 10; c++) dot += w[i * 10 + c] * w[j * 10 + c];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 10);
            }
    }
}

public class SoftmaxKernelTests
{
    [Fact]
    public void SoftmaxAndLogSumExp_MatchesScalarTwins_ForLengths1To70_AndHugeLogits()
    {
        for (int n = 1; n <= 70; n++)
        {
            var rng = new Random(n);
            var x = Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 60 - 30) + (n == 70 ? 1000f : 0f)).ToArray();
            var p = new float[n]; var pr = new float[n];

            float lse = Ops.SoftmaxAndLogSumExp<float>(x, p);
            Ops.SoftmaxReference<float>(x, pr);

            for (int i = 0; i < n; i++) Assert.Equal(pr[i], p[i], 1e-6f);
            Assert.Equal(Ops.LogSumExp<double>([.. x.Select(v => (double)v)]), lse, 1e-3);
        }
    }
}
