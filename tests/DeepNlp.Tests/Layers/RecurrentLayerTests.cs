using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

public class RecurrentLayerTests
{
    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.RnnRelu)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Backward_MatchesCentralDifferences_Float64(CellKind kind)
    {
        var layer = RecurrentStack<double>.CreateCell(kind, "cell", 3, 4, new Random(1), forgetBias: 0.5);

        var result = GradTestHelpers.CheckRecurrent(layer, time: 5, batch: 2, seed: 2);

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
        Assert.All(result.Parameters, p => Assert.True(p.AnalyticNorm > 0, p.Name));
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void StackOfThree_WithDropout_MatchesCentralDifferences_Float64(CellKind kind)
    {
        var stack = RecurrentStack<double>.Create(kind, "l", 3, 4, 3, new Random(5), dropout: 0.3, seed: 9);

        var result = GradTestHelpers.CheckRecurrent(stack, time: 4, batch: 2, seed: 3, training: true, beforeForward: () => stack.Reseed(42));

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void OneLayerStack_EqualsTheCell(CellKind kind)
    {
        var cell = RecurrentStack<double>.CreateCell(kind, "c0", 3, 5, new Random(4));
        var stack = RecurrentStack<double>.Create(kind, "c", 3, 5, 1, new Random(4), dropout: 0.5);
        var x = Enumerable.Range(0, 6 * 2 * 3).Select(i => Math.Sin(i)).ToArray();
        var dy = Enumerable.Range(0, 6 * 2 * 5).Select(i => Math.Cos(i)).ToArray();

        var a = cell.Forward(x, 6, 2, default, default).Output.ToArray();
        cell.Backward(cell.Forward(x, 6, 2, default, default), dy, default, default, default, default, default);
        var b = stack.Forward(x, 6, 2, default, default).Output.ToArray();
        stack.Backward(stack.Forward(x, 6, 2, default, default), dy, default, default, default, default, default);

        Assert.Equal(a, b);
        for (int p = 0; p < cell.Parameters.Count; p++)
        {
            Assert.Equal(cell.Parameters[p].Value, stack.Parameters[p].Value);
            Assert.Equal(cell.Parameters[p].Grad, stack.Parameters[p].Grad);
        }
    }

    [Fact]
    public void Lstm_ForgetBias_IsAddedToForgetBlockOfBih()
    {
        var plain = new Lstm<double>("a", 2, 3, new Random(1));
        var biased = new Lstm<double>("a", 2, 3, new Random(1), forgetBias: 1.0);

        for (int j = 0; j < 12; j++)
            Assert.Equal(plain.b_ih.Value[j] + (j is >= 3 and < 6 ? 1.0 : 0.0), biased.b_ih.Value[j], 12);
    }

    [Fact]
    public void Forward_WrongInputLength_ThrowsNamingLayer()
    {
        var lstm = new Lstm<float>("enc", 3, 4, new Random(1));

        var e = Assert.Throws<ArgumentException>(() => lstm.Forward(new float[7], 2, 1, default, default));

        Assert.Contains("enc", e.Message);
    }
}

public class RecurrentThreadingTests
{
    [Theory]
    [InlineData(CellKind.Lstm, 32, 64)]
    [InlineData(CellKind.Gru, 32, 64)]
    [InlineData(CellKind.Rnn, 32, 64)]
    [InlineData(CellKind.Lstm, 19, 300)]
    [InlineData(CellKind.Gru, 26, 300)]
    [InlineData(CellKind.Rnn, 35, 300)]
    public void ForwardBackward_OneThread_EqualsTwoThreads_Float32(CellKind kind, int batch, int hidden)
    {
        float[] Run(int threads, out float[] grads)
        {
            int saved = DeepNlp.Numerics.Ops.MaxThreads;
            DeepNlp.Numerics.Ops.MaxThreads = threads;
            try
            {
                var cell = RecurrentStack<float>.CreateCell(kind, "c", 16, hidden, new Random(3));
                var x = Enumerable.Range(0, 5 * batch * 16).Select(i => MathF.Sin(i * 0.37f)).ToArray();
                var dy = Enumerable.Range(0, 5 * batch * hidden).Select(i => MathF.Cos(i * 0.11f)).ToArray();
                var dx = new float[x.Length];
                var cache = cell.Forward(x, 5, batch, default, default);
                var y = cache.Output.ToArray();
                cell.Backward(cache, dy, default, default, dx, default, default);
                grads = [.. cell.Parameters.SelectMany(p => p.Grad), .. dx];
                return y;
            }
            finally { DeepNlp.Numerics.Ops.MaxThreads = saved; }
        }

        var y1 = Run(1, out var g1);
        var y2 = Run(2, out var g2);

        Assert.Equal(y1, y2);
        Assert.Equal(g1, g2);
    }
}
