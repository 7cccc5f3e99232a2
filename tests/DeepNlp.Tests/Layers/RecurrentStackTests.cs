using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

public class RecurrentStackTests
{
    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void ResidualStackOfThree_WithDropout_MatchesCentralDifferences_Float64(CellKind kind)
    {
        var stack = RecurrentStack<double>.Create(kind, "r", 3, 4, 3, new Random(5), dropout: 0.3, seed: 9, residual: true);

        var result = GradTestHelpers.CheckRecurrent(stack, time: 4, batch: 2, seed: 3, training: true, beforeForward: () => stack.Reseed(42));

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
        Assert.All(result.Parameters, p => Assert.True(p.AnalyticNorm > 0, p.Name));
    }

    [Fact]
    public void ResidualStack_OutputIsEachUpperLayersOutputPlusItsInput()
    {
        var stack = RecurrentStack<double>.Create(CellKind.Lstm, "r", 3, 4, 3, new Random(7), residual: true);
        var x = Enumerable.Range(0, 5 * 2 * 3).Select(i => Math.Sin(0.3 * i)).ToArray();

        var cache = (RecurrentStackCache<double>)stack.Forward(x, 5, 2, default, default, training: false);

        var h = cache.Layers.Select(c => c.Output.ToArray()).ToArray();
        var expected = h[0].Zip(h[1], (a, b) => a + b).Zip(h[2], (a, b) => a + b).ToArray();   // y² = h² + (h¹ + h⁰)
        Assert.Equal(expected.Length, cache.Output.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], cache.Output[i], 14);
        Assert.True(Math.Abs(expected[0] - h[2][0]) > 1e-3, "the skip path changed the output");
    }

    [Fact]
    public void ResidualFlag_Off_LeavesTheStackAsBefore()
    {
        var plain = RecurrentStack<double>.Create(CellKind.Gru, "s", 3, 4, 2, new Random(8));
        var x = Enumerable.Range(0, 3 * 1 * 3).Select(i => Math.Cos(0.7 * i)).ToArray();

        var cache = plain.Forward(x, 3, 1, default, default, training: false);

        Assert.False(plain.Residual);
        Assert.Equal(((RecurrentStackCache<double>)cache).Layers[1].Output.ToArray(), cache.Output.ToArray());
    }
}
