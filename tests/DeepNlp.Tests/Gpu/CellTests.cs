using DeepNlp.Gpu;

namespace DeepNlp.Tests.Gpu;

[Collection("Gpu")]
public sealed class CellTests(GpuFixture fixture)
{
    private const int B = 3, H = 5;
    private readonly GpuDevice _device = fixture.Device;

    // Float64 LSTM cell, PyTorch gate order i, f, g, o: returns (h, c).
    private static (double[] H, double[] C) LstmForward(double[] z, float[] bih, float[] bhh, double[] cPrev)
    {
        var h = new double[B * H];
        var c = new double[B * H];
        for (int b = 0; b < B; b++)
            for (int j = 0; j < H; j++)
            {
                double A(int gate) => z[b * 4 * H + gate * H + j] + bih[gate * H + j] + bhh[gate * H + j];
                double i = Reference.Sigmoid(A(0)), f = Reference.Sigmoid(A(1)), g = Math.Tanh(A(2)), o = Reference.Sigmoid(A(3));
                c[b * H + j] = f * cPrev[b * H + j] + i * g;
                h[b * H + j] = o * Math.Tanh(c[b * H + j]);
            }
        return (h, c);
    }

    // Float64 GRU cell, PyTorch nn.GRU: returns h.
    private static double[] GruForward(double[] gx, double[] gh, float[] bih, float[] bhh, double[] hPrev)
    {
        var h = new double[B * H];
        for (int b = 0; b < B; b++)
            for (int j = 0; j < H; j++)
            {
                int row = b * 3 * H;
                double r = Reference.Sigmoid(gx[row + j] + bih[j] + gh[row + j] + bhh[j]);
                double z = Reference.Sigmoid(gx[row + H + j] + bih[H + j] + gh[row + H + j] + bhh[H + j]);
                double n = Math.Tanh(gx[row + 2 * H + j] + bih[2 * H + j] + r * (gh[row + 2 * H + j] + bhh[2 * H + j]));
                h[b * H + j] = (1 - z) * n + z * hPrev[b * H + j];
            }
        return h;
    }

    private static double[] D(float[] x) => x.Select(v => (double)v).ToArray();

    private static double[] CentralDifferences(double[] x, Func<double[], double> loss)
    {
        const double step = 1e-6;
        var grad = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double keep = x[k];
            x[k] = keep + step; double up = loss(x);
            x[k] = keep - step; double down = loss(x);
            x[k] = keep;
            grad[k] = (up - down) / (2 * step);
        }
        return grad;
    }

    [Fact]
    public void LstmCell_ForwardAndBackward_MatchFloat64ReferenceAndCentralDifferences()
    {
        var z = Reference.Random(B * 4 * H, 10, 2);
        var bih = Reference.Random(4 * H, 11);
        var bhh = Reference.Random(4 * H, 12);
        var cPrev = Reference.Random(B * H, 13);
        var dh = Reference.Random(B * H, 14);
        var dcNext = Reference.Random(B * H, 15);
        using var dz0 = _device.Upload<float>(z);
        using var dbih = _device.Upload<float>(bih);
        using var dbhh = _device.Upload<float>(bhh);
        using var dcp = _device.Upload<float>(cPrev);
        using var gates = _device.Allocate<float>(B * 4 * H);
        using var c = _device.Allocate<float>(B * H);
        using var h = _device.Allocate<float>(B * H);
        using var ddh = _device.Upload<float>(dh);
        using var ddc = _device.Upload<float>(dcNext);
        using var dz = _device.Allocate<float>(B * 4 * H);

        _device.Ops.LstmCellForward(dz0, dbih, dbhh, dcp, gates, c, h);
        _device.Ops.LstmCellBackward(ddh, ddc, gates, dcp, c, dz, B);

        var (hRef, cRef) = LstmForward(D(z), bih, bhh, D(cPrev));
        Reference.AssertClose(hRef, h.ToArray(), 1e-5, "h");
        Reference.AssertClose(cRef, c.ToArray(), 1e-5, "c");
        double Loss(double[] zz, double[] cp)
        {
            var (hh, cc) = LstmForward(zz, bih, bhh, cp);
            return Enumerable.Range(0, B * H).Sum(k => dh[k] * hh[k] + dcNext[k] * cc[k]);
        }
        var cp64 = D(cPrev);
        Reference.AssertClose(CentralDifferences(D(z), zz => Loss(zz, cp64)), dz.ToArray(), 1e-4, "dz");
        Reference.AssertClose(CentralDifferences(D(cPrev), cp => Loss(D(z), cp)), ddc.ToArray(), 1e-4, "dcPrev");
    }

    [Fact]
    public void GruCell_ForwardAndBackward_MatchFloat64ReferenceAndCentralDifferences()
    {
        var gx = Reference.Random(B * 3 * H, 20, 2);
        var gh = Reference.Random(B * 3 * H, 21, 2);
        var bih = Reference.Random(3 * H, 22);
        var bhh = Reference.Random(3 * H, 23);
        var hPrev = Reference.Random(B * H, 24);
        var dh = Reference.Random(B * H, 25);
        using var dgx0 = _device.Upload<float>(gx);
        using var dgh0 = _device.Upload<float>(gh);
        using var dbih = _device.Upload<float>(bih);
        using var dbhh = _device.Upload<float>(bhh);
        using var dhp = _device.Upload<float>(hPrev);
        using var gates = _device.Allocate<float>(B * 3 * H);
        using var hn = _device.Allocate<float>(B * H);
        using var h = _device.Allocate<float>(B * H);
        using var ddh = _device.Upload<float>(dh);
        using var dgx = _device.Allocate<float>(B * 3 * H);
        using var dgh = _device.Allocate<float>(B * 3 * H);
        using var dhPrev = _device.Allocate<float>(B * H);

        _device.Ops.GruCellForward(dgx0, dgh0, dbih, dbhh, dhp, gates, hn, h);
        _device.Ops.GruCellBackward(ddh, gates, hn, dhp, dgx, dgh, dhPrev, B);

        Reference.AssertClose(GruForward(D(gx), D(gh), bih, bhh, D(hPrev)), h.ToArray(), 1e-5, "h");
        double Loss(double[] x, double[] r, double[] hp) => GruForward(x, r, bih, bhh, hp).Select((v, k) => v * dh[k]).Sum();
        Reference.AssertClose(CentralDifferences(D(gx), x => Loss(x, D(gh), D(hPrev))), dgx.ToArray(), 1e-4, "dgx");
        Reference.AssertClose(CentralDifferences(D(gh), r => Loss(D(gx), r, D(hPrev))), dgh.ToArray(), 1e-4, "dgh");
        Reference.AssertClose(CentralDifferences(D(hPrev), hp => Loss(D(gx), D(gh), hp)), dhPrev.ToArray(), 1e-4, "dhPrev (direct)");
    }
}
