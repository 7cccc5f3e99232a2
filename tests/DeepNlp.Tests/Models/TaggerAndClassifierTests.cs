using DeepNlp.Layers;
using DeepNlp.Models;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class TaggerAndClassifierTests
{
    private static readonly IReadOnlyList<int>[] Sentences = [[1, 2, 3, 4], [5, 1], [2, 2, 6]];
    private static readonly IReadOnlyList<int>[] Tags = [[0, 1, 2, 1], [2, 0], [1, 1, 0]];

    [Theory]
    [InlineData(CellKind.Lstm, true)]
    [InlineData(CellKind.Gru, true)]
    [InlineData(CellKind.Rnn, false)]
    public void TaggerBackward_MatchesCentralDifferences_Float64(CellKind cell, bool bidirectional)
    {
        var tagger = new SequenceTagger<double>(7, 3, 3, 4, seed: 1, cell, bidirectional);

        var result = GradientCheck.Run(tagger.Parameters, () => tagger.Forward(Sentences, Tags).Mean,
            () => tagger.Backward(tagger.Forward(Sentences, Tags).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Theory]
    [InlineData(Pooling.Last, false)]
    [InlineData(Pooling.Last, true)]
    [InlineData(Pooling.Mean, true)]
    [InlineData(Pooling.Max, false)]
    [InlineData(Pooling.Attention, true)]
    public void ClassifierBackward_MatchesCentralDifferences_Float64(Pooling pooling, bool bidirectional)
    {
        var clf = new SequenceClassifier<double>(7, 2, 3, 4, seed: 2, pooling, CellKind.Lstm, bidirectional);
        int[] labels = [1, 0, 1];

        var result = GradientCheck.Run(clf.Parameters, () => clf.Forward(Sentences, labels).Mean,
            () => clf.Backward(clf.Forward(Sentences, labels).Count));

        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
    }

    [Fact]
    public void Bidirectional_PaddingDoesNotLeakIntoRealPositions()
    {
        var bi = new Bidirectional<double>(new Lstm<double>("f", 2, 3, new Random(1)), new Lstm<double>("b", 2, 3, new Random(2)));
        // time 4, batch 2, sequence 1 has length 2; positions 2 and 3 of sequence 1 are padding.
        var x = Enumerable.Range(0, 4 * 2 * 2).Select(i => Math.Cos(i)).ToArray();
        var y = (double[])x.Clone();
        for (int t = 2; t < 4; t++) { y[(t * 2 + 1) * 2] = 9; y[(t * 2 + 1) * 2 + 1] = -9; }

        var a = bi.Run(x, 4, 2, [4, 2]).ToArray();
        var b = bi.Run(y, 4, 2, [4, 2]).ToArray();

        for (int t = 0; t < 4; t++)
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(a[(t * 2) * 6 + j], b[(t * 2) * 6 + j]);                   // sequence 0 untouched
                if (t < 2) Assert.Equal(a[(t * 2 + 1) * 6 + j], b[(t * 2 + 1) * 6 + j]); // real steps of sequence 1 untouched
            }
    }

    [Fact]
    public void Tagger_LearnsToCopyAFeatureOfTheToken()
    {
        var tagger = new SequenceTagger<float>(10, 2, 8, 16, seed: 3);
        var opt = new Adam<float>(tagger.Parameters, 0.02);
        var rng = new Random(4);
        var data = Enumerable.Range(0, 32).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, rng.Next(3, 8)).Select(_ => rng.Next(1, 10)).ToArray()).ToArray();
        var gold = data.Select(s => (IReadOnlyList<int>)s.Select(w => w % 2).ToArray()).ToArray();

        for (int step = 0; step < 60; step++)
        {
            opt.ZeroGrad();
            tagger.Backward(tagger.Forward(data, gold).Count);
            opt.Step();
        }
        var predicted = tagger.Predict(data);

        Assert.Equal(gold.Select(g => g.ToArray()), predicted);
    }
}
