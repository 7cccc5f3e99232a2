using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Sampling;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class FeedForwardModelTests
{
    [Theory]
    [InlineData(WindowCombination.Concatenate)]
    [InlineData(WindowCombination.Average)]
    [InlineData(WindowCombination.Convolution)]
    public void FixedWindowLmBackward_MatchesCentralDifferences_Float64(WindowCombination combination)
    {
        var lm = new FixedWindowLanguageModel<double>(9, window: 4, embeddingSize: 3, hiddenSize: 5, seed: 1, combination, convolutionWidth: 2, filters: 4);
        var (contexts, targets) = FixedWindowLanguageModel<double>.Examples([1, 4, 2, 8, 5, 7, 3, 3], 4, 0);

        var result = GradientCheck.Run(lm.Parameters, () => lm.Forward(contexts, targets).Mean,
            () => lm.Backward(lm.Forward(contexts, targets).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void Conv1dMaxPoolBackward_MatchesCentralDifferences_IncludingInput()
    {
        var rng = new Random(3);
        var conv = new Conv1dMaxPool<double>("conv", 3, 2, 4, rng);
        var x = new Parameter<double>("x", 2 * 5 * 3);
        Init.Uniform<double>(x.Value, -1, 1, rng);
        var w = new double[2 * 4];
        Init.Uniform<double>(w, -1, 1, rng);
        var y = new double[8];

        double Loss() { conv.Forward(x.Value, 2, 5, y); return Ops.Dot<double>(y, w); }
        var result = GradientCheck.Run([.. conv.Parameters, x], Loss, () => { Loss(); conv.Backward(w, x.Grad); });

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void WindowClassifierBackward_MatchesCentralDifferences_Float64()
    {
        var clf = new WindowClassifier<double>(8, 3, radius: 2, embeddingSize: 3, hiddenSize: 4, seed: 2);
        var windows = WindowClassifier<double>.Windows([3, 1, 4, 1, 5], 2, 0);
        int[] labels = [0, 2, -1, 1, 0];

        var result = GradientCheck.Run(clf.Parameters, () => clf.Forward(windows, labels).Mean,
            () => clf.Backward(clf.Forward(windows, labels).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.Equal([0, 0, 3, 1, 4], windows[..5]);
    }

    [Theory]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 1)]
    public void EncoderDecoderBackward_MatchesCentralDifferences_Float64(CellKind cell, int layers)
    {
        var model = new EncoderDecoder<double>(7, 6, 3, 4, seed: 5, layers, cell);
        IReadOnlyList<int>[] src = [[1, 2, 3], [4, 5]];
        IReadOnlyList<int>[] tgt = [[1, 3, 4, 2], [1, 5, 2]];

        var result = GradientCheck.Run(model.Parameters, () => model.Forward(src, tgt).Mean,
            () => model.Backward(model.Forward(src, tgt).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.All(result.Parameters.Where(p => p.Name.StartsWith("enc") || p.Name.StartsWith("src")), p => Assert.True(p.AnalyticNorm > 0, p.Name));
    }

    [Fact]
    public void EncoderDecoder_LearnsToReverse_AndBeamOneEqualsGreedy()
    {
        var model = new EncoderDecoder<float>(8, 8, 8, 32, seed: 1);
        var opt = new Adam<float>(model.Parameters, 0.03);
        var rng = new Random(2);
        const int Bos = 1, Eos = 2;
        var src = Enumerable.Range(0, 32).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, 3).Select(_ => rng.Next(3, 8)).ToArray()).ToArray();
        var tgt = src.Select(s => (IReadOnlyList<int>)new[] { Bos }.Concat(s.Reverse()).Append(Eos).ToArray()).ToArray();

        for (int step = 0; step < 100; step++)
        {
            opt.ZeroGrad();
            model.Backward(model.Forward(src, tgt).Count);
            opt.Step();
        }
        var decoder = model.Conditioned(src[0]);
        var greedy = Samplers.Greedy(decoder, [Bos], 6, stopToken: Eos);
        var beam = Samplers.BeamSearch(decoder, [Bos], 6, width: 1, stopToken: Eos);

        Assert.Equal(tgt[0].Skip(1), greedy);
        Assert.Equal(greedy, beam.Tokens);
    }
}
