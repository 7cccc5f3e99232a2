using DeepNlp.Layers;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Layers;

public class FeedForwardLayerTests
{
    [Fact]
    public void LinearBackward_MatchesCentralDifferences_Float64()
    {
        var rng = new Random(1);
        var lin = new Linear<double>("lin", 4, 3, rng);
        var x = GradTestHelpers.RandomParameter("x", 5 * 4, rng);
        var w = GradTestHelpers.RandomParameter("w", 5 * 3, rng).Value;
        var y = new double[15];

        double Loss() { lin.Forward(x.Value, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([.. lin.Parameters, x], Loss, () => lin.Backward(x.Value, w, x.Grad));

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
    }

    [Fact]
    public void EmbeddingBackward_MatchesCentralDifferences_WithRepeatedIds()
    {
        var rng = new Random(2);
        var emb = new Embedding<double>("emb", 6, 3, rng);
        int[] ids = [1, 4, 1, 0];
        var w = GradTestHelpers.RandomParameter("w", 12, rng).Value;
        var y = new double[12];

        double Loss() { emb.Forward(ids, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run(emb.Parameters, Loss, () => emb.Backward(ids, w));

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
        Assert.Equal(0.0, emb.Weight.Grad[5 * 3]);
    }

    [Fact]
    public void Embedding_IdOutsideVocabulary_ThrowsNamingPosition()
    {
        var emb = new Embedding<float>("emb", 5, 2, new Random(1));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => emb.Forward([1, 7], new float[4]));

        Assert.Contains("position 1", e.Message);
    }

    [Fact]
    public void SoftmaxCrossEntropyBackward_MatchesCentralDifferences_WithMaskedRow()
    {
        var rng = new Random(3);
        var z = GradTestHelpers.RandomParameter("z", 4 * 5, rng, 3);
        int[] targets = [2, -1, 0, 4];
        var ce = new SoftmaxCrossEntropy<double>();

        double Loss() => ce.Forward(z.Value, targets, 5).Mean;
        void Backward() { var r = ce.Forward(z.Value, targets, 5); ce.Backward(z.Grad, 1.0 / r.Count); }
        var result = GradientCheck.Run([z], Loss, Backward);

        Assert.True(result.MaxRelativeError < GradTestHelpers.Tolerance, result.ToString());
        Assert.All(z.Grad.AsSpan(5, 5).ToArray(), g => Assert.Equal(0.0, g));
        Assert.Equal(3, ce.Forward(z.Value, targets, 5).Count);
    }

    [Fact]
    public void SoftmaxCrossEntropy_UniformLogits_GiveLogOfClassCount()
    {
        var ce = new SoftmaxCrossEntropy<float>();

        var r = ce.Forward(new float[3 * 65], [0, 10, 64], 65);

        Assert.Equal(Math.Log(65), r.Mean, 5);
    }
}
