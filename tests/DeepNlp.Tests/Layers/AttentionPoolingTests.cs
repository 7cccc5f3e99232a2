using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class AttentionPoolingTests
{
    private const int Time = 4, Batch = 3, D = 5;
    private static readonly int[] Lengths = [4, 2, 1];

    [Fact]
    public void Backward_MatchesCentralDifferences_Float64()
    {
        var pooling = new AttentionPooling<double>("pool", D, attentionSize: 3, new Random(1));
        var rng = new Random(2);
        var h = GradTestHelpers.RandomParameter("h", Time * Batch * D, rng);
        var w = GradTestHelpers.RandomParameter("w", Batch * D, rng).Value;
        var pooled = new double[Batch * D];
        double Loss() { pooling.Forward(h.Value, Time, Batch, Lengths, pooled); return Ops.Dot<double>(pooled, w); }

        var result = GradientCheck.Run([.. pooling.Parameters, h], Loss, () =>
        {
            Loss();
            var dh = new double[h.Length];
            pooling.Backward(w, dh);
            Ops.AddInPlace<double>(dh, h.Grad);
        });

        Assert.True(result.MaxRelativeError < 1e-7, result.ToString());
        Assert.All(result.Parameters, p => Assert.True(p.AnalyticNorm > 0, p.Name));
        Assert.All(h.Grad.AsSpan((2 * Batch + 1) * D, D).ToArray(), g => Assert.Equal(0.0, g));   // sequence 1 at t = 2 is padding
    }

    [Fact]
    public void Forward_PaddingGetsZeroWeight_AndALengthOneSequencePoolsItsOnlyState()
    {
        var pooling = new AttentionPooling<double>("pool", D, 3, new Random(1));
        var h = new double[Time * Batch * D];
        Init.Uniform<double>(h, -1, 1, new Random(3));
        var pooled = new double[Batch * D];

        pooling.Forward(h, Time, Batch, Lengths, pooled);

        var w = pooling.Weights.ToArray();
        for (int b = 0; b < Batch; b++) Assert.Equal(1.0, w.AsSpan(b * Time, Time).ToArray().Sum(), 12);
        Assert.Equal([0.0, 0.0], w.AsSpan(Time + 2, 2).ToArray());
        Assert.Equal(1.0, w[2 * Time]);
        Assert.Equal(h.AsSpan(2 * D, D).ToArray(), pooled.AsSpan(2 * D, D).ToArray());
    }
}
