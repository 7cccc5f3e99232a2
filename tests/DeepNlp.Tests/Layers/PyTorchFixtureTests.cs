using System.Text.Json;
using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

/// <summary>Forward and backward of the recurrent layers against nn.LSTM / nn.GRU / nn.RNN (fixtures/lstm/make.py, float64).</summary>
public class PyTorchFixtureTests
{
    private static JsonElement Load(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "tests", "DeepNlp.Tests", "fixtures", "lstm", name);
            if (File.Exists(p)) return JsonDocument.Parse(File.ReadAllText(p)).RootElement.Clone();
        }
        throw new FileNotFoundException($"fixtures/lstm/{name} not found above {AppContext.BaseDirectory}.");
    }

    private static double[] A(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    [Theory]
    [InlineData("lstm.json", CellKind.Lstm)]
    [InlineData("gru.json", CellKind.Gru)]
    [InlineData("rnn.json", CellKind.Rnn)]
    public void ForwardAndBackward_MatchPyTorchFixture(string file, CellKind kind)
    {
        var f = Load(file);
        int T = f.GetProperty("time").GetInt32(), B = f.GetProperty("batch").GetInt32();
        int I = f.GetProperty("input").GetInt32(), H = f.GetProperty("hidden").GetInt32();
        double tol = f.GetProperty("tolerance").GetDouble();
        var cell = RecurrentStack<double>.CreateCell(kind, "l0", I, H, new Random(0));
        string[] names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];
        for (int p = 0; p < 4; p++) A(f, names[p]).CopyTo(cell.Parameters[p].Value, 0);
        var x = A(f, "x"); var h0 = A(f, "h0"); var c0 = A(f, "c0");
        var dx = new double[x.Length]; var dh0 = new double[h0.Length]; var dc0 = new double[c0.Length];

        var cache = cell.Forward(x, T, B, h0, c0);
        var output = cache.Output.ToArray(); var hn = cache.HiddenAt(T); var cn = cache.CellAt(T);
        cell.Backward(cache, A(f, "w_out"), A(f, "w_h"), A(f, "w_c"), dx, dh0, dc0);

        AssertClose(A(f, "output"), output, tol, "output");
        AssertClose(A(f, "h_n"), hn, tol, "h_n");
        AssertClose(A(f, "c_n"), cn, tol, "c_n");
        for (int p = 0; p < 4; p++) AssertClose(A(f, "grad_" + names[p]), cell.Parameters[p].Grad, tol, "grad_" + names[p]);
        AssertClose(A(f, "grad_x"), dx, tol, "grad_x");
        AssertClose(A(f, "grad_h0"), dh0, tol, "grad_h0");
        AssertClose(A(f, "grad_c0"), dc0, tol, "grad_c0");
    }

    private static void AssertClose(double[] expected, double[] actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: PyTorch {expected[i]}, kit {actual[i]}");
    }
}
