using DeepNlp.Models;
using DeepNlp.Numerics;
using DeepNlp.Training;

namespace DeepNlp.Tests.Models;

public class WindowClassifierTests
{
    /// <summary>The slide's scores s = U tanh(W x + b) + d, computed from the public layers.</summary>
    private static double[] ReferenceScores(WindowClassifier<double> clf, int[] windows)
    {
        int n = windows.Length / (2 * clf.Radius + 1), C = clf.Output.OutputSize;
        var x = new double[windows.Length * clf.Embedding.Dimension];
        var h = new double[n * clf.Hidden.OutputSize];
        var s = new double[n * C];
        clf.Embedding.Forward(windows, x);
        clf.Hidden.Forward(x, h);
        Ops.Tanh<double>(h, h);
        clf.Output.Forward(h, s);
        return s;
    }

    [Fact]
    public void Predict_IsTheArgmaxOfTheSlidesScores()
    {
        var clf = new WindowClassifier<double>(10, 4, radius: 1, embeddingSize: 3, hiddenSize: 5, seed: 3);
        var windows = WindowClassifier<double>.Windows([2, 7, 1, 8, 2, 8, 1, 8], 1, 0);

        var predicted = clf.Predict(windows);

        var scores = ReferenceScores(clf, windows);
        var expected = Enumerable.Range(0, 8).Select(i => Enumerable.Range(0, 4).MaxBy(c => scores[i * 4 + c])).ToArray();
        Assert.Equal(expected, predicted);
    }

    [Fact]
    public void Predict_AfterTraining_RecoversTheClassOfTheCentreWord()
    {
        // Class = centre id mod 3, whatever the neighbours: learnable from the centre embedding alone.
        var rng = new Random(4);
        var sentence = Enumerable.Range(0, 60).Select(_ => 1 + rng.Next(11)).ToArray();
        var windows = WindowClassifier<float>.Windows(sentence, 2, 0);
        var labels = sentence.Select(id => id % 3).ToArray();
        var clf = new WindowClassifier<float>(12, 3, radius: 2, embeddingSize: 8, hiddenSize: 16, seed: 1);
        var optimizer = new Adam<float>(clf.Parameters, 1e-2);

        for (int step = 0; step < 200; step++)
        {
            optimizer.ZeroGrad();
            clf.Backward(clf.Forward(windows, labels).Count);
            optimizer.Step();
        }
        var predicted = clf.Predict(windows);

        Assert.Equal(labels, predicted);
    }

    [Fact]
    public void PredictSentences_EqualsPredictOnEachSentencesPaddedWindows()
    {
        var clf = new WindowClassifier<float>(10, 3, radius: 2, embeddingSize: 4, hiddenSize: 6, seed: 7);
        IReadOnlyList<int>[] sentences = [[3, 1, 4], [1, 5, 9, 2, 6], [5]];

        var predicted = clf.Predict(sentences, padId: 0);

        Assert.Equal([3, 5, 1], predicted.Select(p => p.Length));
        for (int b = 0; b < sentences.Length; b++)
            Assert.Equal(clf.Predict(WindowClassifier<float>.Windows(sentences[b], 2, 0)), predicted[b]);
    }

    [Fact]
    public void Predict_WindowsNotAMultipleOfTheWidth_Throws()
    {
        var clf = new WindowClassifier<float>(9, 3, radius: 1, embeddingSize: 4, hiddenSize: 6, seed: 7);

        var error = Assert.Throws<ArgumentException>(() => clf.Predict(new int[4]));

        Assert.Equal("windows", error.ParamName);
    }
}
