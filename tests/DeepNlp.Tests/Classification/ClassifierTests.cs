using DeepNlp.Classification;
using DeepNlp.Tests.WordVectors;

namespace DeepNlp.Tests.Classification;

public class ClassifierTests
{
    private static readonly string[] Labels = ["neg", "pos"];

    [Fact]
    public void FastTextGradient_MatchesCentralDifferences_Float64()
    {
        const int d = 4, C = 3, rowsInTable = 5;
        var E = GradientCheck.Random(rowsInTable * d, 1);
        var W = GradientCheck.Random(C * d, 2);
        var b = GradientCheck.Random(C, 3);
        int[] rows = [0, 3, 3, 4];
        var h = new double[d]; var probs = new double[C]; var dH = new double[d]; var dW = new double[C * d]; var dB = new double[C];

        ClassifierGradients.FastText<double>(E, rows, W, b, 2, h, probs, dH, dW, dB);
        double Loss() => ClassifierGradients.FastText<double>(E, rows, W, b, 2, new double[d], new double[C], new double[d], new double[C * d], new double[C]);
        var numE = GradientCheck.Numeric(E, Loss);
        var numW = GradientCheck.Numeric(W, Loss);
        var numB = GradientCheck.Numeric(b, Loss);

        // ∂J/∂E_r = (occurrences of r / n) ∂J/∂h
        var dE = new double[E.Length];
        foreach (int r in rows)
            for (int k = 0; k < d; k++) dE[r * d + k] += dH[k] / rows.Length;
        Assert.True(GradientCheck.MaxRelativeError(dE, numE) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(dW, numW) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(dB, numB) < GradientCheck.Tolerance);
    }

    [Fact]
    public void LogisticRegressionGradient_MatchesCentralDifferences_Float64()
    {
        const int F = 4, C = 3;
        var W = GradientCheck.Random(F * C, 4);
        var b = GradientCheck.Random(C, 5);
        int[] features = [1, 3];
        double[] values = [1, 2.5];
        var probs = new double[C]; var dz = new double[C];

        ClassifierGradients.LogisticRegression<double>(features, values, W, b, 0, probs, dz);
        double Loss() => ClassifierGradients.LogisticRegression<double>(features, values, W, b, 0, new double[C], new double[C]);
        var numW = GradientCheck.Numeric(W, Loss);
        var numB = GradientCheck.Numeric(b, Loss);

        var dW = new double[F * C];
        for (int i = 0; i < features.Length; i++)
            for (int c = 0; c < C; c++) dW[features[i] * C + c] = values[i] * dz[c];
        Assert.True(GradientCheck.MaxRelativeError(dW, numW) < GradientCheck.Tolerance);
        Assert.True(GradientCheck.MaxRelativeError(dz, numB) < GradientCheck.Tolerance);
    }

    [Fact]
    public void SoftmaxCrossEntropy_LogitsOf1000_DoNotOverflow()
    {
        var probs = new double[2]; var dz = new double[2];

        double loss = ClassifierGradients.SoftmaxCrossEntropy<double>([1000, 0], 1, probs, dz);

        Assert.Equal(1000, loss, 9);
        Assert.Equal(1.0, probs[0], 12);
    }

    private static List<LabeledDocument> Sentiment(int n, int seed)
    {
        var rng = new Random(seed);
        string[] filler = ["the", "movie", "was", "plot", "actors", "a"];
        return Enumerable.Range(0, n).Select(i =>
        {
            int label = i % 2;
            var words = Enumerable.Range(0, 5).Select(_ => filler[rng.Next(filler.Length)]).ToList();
            words.Insert(rng.Next(words.Count), label == 1 ? (rng.Next(2) == 0 ? "great" : "fun") : (rng.Next(2) == 0 ? "dull" : "awful"));
            return new LabeledDocument(words, label);
        }).ToList();
    }

    [Fact]
    public void BagOfWords_SeparableToyData_IsPerfectOnHeldOutData()
    {
        var model = BagOfWordsClassifier.Train(Sentiment(200, 1), Labels, epochs: 5, learningRate: 0.5);

        var report = model.Evaluate(Sentiment(50, 2));

        Assert.Equal(1.0, report.Accuracy);
        Assert.Contains(model.TopWords(1, 2), t => t.Word is "great" or "fun");
    }

    [Fact]
    public void FastText_SeparableToyData_IsPerfectAndSeeded()
    {
        var options = new FastTextOptions(Dimension: 10, Epochs: 10, LearningRate: 0.5, Seed: 3);

        var model = FastTextClassifier.Train(Sentiment(200, 1), Labels, options);
        var again = FastTextClassifier.Train(Sentiment(200, 1), Labels, options);

        Assert.Equal(1.0, model.Evaluate(Sentiment(50, 2)).Accuracy);
        Assert.Equal(model.Probabilities(["great", "movie"]), again.Probabilities(["great", "movie"]));
    }

    [Fact]
    public void FastText_WordOrderTask_NeedsBigrams()
    {
        // "x y" is positive, "y x" negative: the bag of words is the same, only the bigram differs
        var train = Enumerable.Range(0, 100).Select(i => new LabeledDocument(i % 2 == 0 ? ["x", "y"] : ["y", "x"], i % 2 == 0 ? 1 : 0)).ToList();
        var options = new FastTextOptions(Dimension: 8, Epochs: 20, LearningRate: 0.5, Buckets: 1000);

        var unigram = FastTextClassifier.Train(train, Labels, options).Evaluate(train);
        var bigram = FastTextClassifier.Train(train, Labels, options with { Bigrams = true }).Evaluate(train);

        Assert.Equal(0.5, unigram.Accuracy);
        Assert.Equal(1.0, bigram.Accuracy);
    }

    [Fact]
    public void ParameterCount_BagOfWordsIsFeaturesTimesClasses_FastTextIsRowsTimesDimension()
    {
        var train = Sentiment(200, 1);
        int words = train.SelectMany(d => d.Tokens).Distinct().Count();

        var bow = BagOfWordsClassifier.Train(train, Labels, epochs: 1);
        var ft = FastTextClassifier.Train(train, Labels, new FastTextOptions(Dimension: 10, Epochs: 1));
        var ftBigrams = FastTextClassifier.Train(train, Labels, new FastTextOptions(Dimension: 10, Epochs: 1, Bigrams: true, Buckets: 1000));

        Assert.Equal(words * 2 + 2, bow.ParameterCount);
        Assert.Equal(words * 10 + 2 * 10 + 2, ft.ParameterCount);
        Assert.Equal((words + 1000) * 10 + 2 * 10 + 2, ftBigrams.ParameterCount);
    }

    [Fact]
    public void Hash_IsFnv1a32()
    {
        Assert.Equal(0xE40C292Cu, FastTextClassifier.Hash("a"));
        Assert.Equal(2166136261u, FastTextClassifier.Hash(""));
    }

    [Fact]
    public void Report_CountsTheConfusionMatrix()
    {
        var report = ClassificationReport.From("m", Labels, [(0, 0), (0, 1), (1, 1), (1, 1)]);

        Assert.Equal(4, report.Total);
        Assert.Equal(3, report.Correct);
        Assert.Equal(1, report.Confusion[0][1]);
        Assert.Contains("<td>2</td>", report.ToHtml());
    }
}
