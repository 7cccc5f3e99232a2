using DeepNlp.Layers;

namespace DeepNlp.Tests.Layers;

/// <summary>For float, the fast tier (packed GEMMs, fused pointwise kernels, a share of the batch per thread) computes what
/// the lecture's reference step computes, to float rounding, forward and backward.</summary>
public class RecurrentFastPathTests
{
    private static void SetFastPath(IRecurrentLayer<float> layer, bool on)
    {
        switch (layer)
        {
            case Lstm<float> l: l.UseFastPath = on; break;
            case Gru<float> g: g.UseFastPath = on; break;
            case Rnn<float> r: r.UseFastPath = on; break;
            default: throw new ArgumentException("Not a single recurrent cell.", nameof(layer));
        }
    }

    private static (float[] Output, float[] Grads) Run(CellKind kind, bool fast, int time, int batch, int input, int hidden)
    {
        var cell = RecurrentStack<float>.CreateCell(kind, "c", input, hidden, new Random(5), forgetBias: 0.5);
        SetFastPath(cell, fast);
        var x = Enumerable.Range(0, time * batch * input).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var h0 = Enumerable.Range(0, batch * hidden).Select(i => 0.3f * MathF.Cos(i * 0.7f)).ToArray();
        var c0 = cell.HasCell ? Enumerable.Range(0, batch * hidden).Select(i => 0.2f * MathF.Sin(i * 0.9f)).ToArray() : [];
        var dy = Enumerable.Range(0, time * batch * hidden).Select(i => MathF.Cos(i * 0.11f)).ToArray();
        var dhLast = Enumerable.Range(0, batch * hidden).Select(i => 0.1f * MathF.Sin(i * 0.3f)).ToArray();
        var dx = new float[x.Length];
        var dh0 = new float[batch * hidden];
        var dc0 = cell.HasCell ? new float[batch * hidden] : [];

        var cache = cell.Forward(x, time, batch, h0, c0);
        var y = cache.Output.ToArray();
        cell.Backward(cache, dy, dhLast, default, dx, dh0, dc0);

        return (y, [.. cell.Parameters.SelectMany(p => p.Grad), .. dx, .. dh0, .. dc0]);
    }

    [Theory]
    [InlineData(CellKind.Lstm, 1, 7)]
    [InlineData(CellKind.Lstm, 19, 40)]
    [InlineData(CellKind.Gru, 1, 7)]
    [InlineData(CellKind.Gru, 26, 40)]
    [InlineData(CellKind.Rnn, 1, 7)]
    [InlineData(CellKind.Rnn, 35, 40)]
    [InlineData(CellKind.RnnRelu, 9, 33)]
    public void FastPath_MatchesReferenceStep_Float32(CellKind kind, int batch, int hidden)
    {
        var reference = Run(kind, fast: false, time: 6, batch, input: 11, hidden);

        var fast = Run(kind, fast: true, time: 6, batch, input: 11, hidden);

        Assert.Equal(reference.Output.Length, fast.Output.Length);
        for (int i = 0; i < fast.Output.Length; i++) Assert.Equal(reference.Output[i], fast.Output[i], 2e-5f);
        float scale = reference.Grads.Max(MathF.Abs);
        for (int i = 0; i < fast.Grads.Length; i++) Assert.True(MathF.Abs(reference.Grads[i] - fast.Grads[i]) <= 2e-5f * scale,
            $"gradient {i}: reference {reference.Grads[i]}, fast {fast.Grads[i]}");
    }

    [Fact]
    public void Gru_UpdateGateBias_IsAddedToUpdateBlockOfBih()
    {
        var plain = new Gru<double>("a", 2, 3, new Random(1));

        var biased = new Gru<double>("a", 2, 3, new Random(1), updateGateBias: 2.0);

        for (int j = 0; j < 9; j++)
            Assert.Equal(plain.b_ih.Value[j] + (j is >= 3 and < 6 ? 2.0 : 0.0), biased.b_ih.Value[j], 12);
    }
}
