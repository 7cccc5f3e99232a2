using DeepNlp.Text;

namespace DeepNlp.Classification;

/// <summary>The baseline: multinomial logistic regression on bag-of-words features, trained by SGD.</summary>
/// <remarks>
/// Features are the training words (minCount and up); a document's value for a word is 1 (binary, the default) or its
/// count. Words unseen in training are ignored. SGD visits the documents in a seeded shuffled order each epoch with a
/// learning rate decaying linearly to 0, and applies an L2 penalty λ‖w‖²/2 to the rows it touches (lazily, the usual
/// sparse-SGD shortcut). The loss and gradient are <see cref="ClassifierGradients.LogisticRegression{T}"/>.
/// Taught in <c>notebooks/02_text_classification.ipynb</c>.
/// </remarks>
public sealed class BagOfWordsClassifier
{
    private readonly Vocabulary _features;
    private readonly float[] _w;   // [F, C]
    private readonly float[] _b;   // [C]
    private readonly bool _binary;

    private BagOfWordsClassifier(Vocabulary features, float[] w, float[] b, IReadOnlyList<string> labels, bool binary)
    {
        _features = features; _w = w; _b = b; Labels = labels; _binary = binary;
    }

    /// <summary>Class names, by id.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of features (distinct training words kept).</summary>
    public int FeatureCount => _features.Count;

    /// <summary>Number of trained weights: one per (feature, class) pair, plus one bias per class.</summary>
    /// <remarks>F·C + C.</remarks>
    public long ParameterCount => (long)_w.Length + _b.Length;

    /// <summary>Trains the classifier.</summary>
    /// <param name="train">Training documents.</param>
    /// <param name="labels">Class names; a document's label indexes this list.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="learningRate">Starting SGD step size.</param>
    /// <param name="l2">L2 penalty λ.</param>
    /// <param name="binary">Use presence (1) rather than counts.</param>
    /// <param name="minCount">Drop words seen fewer times in training.</param>
    /// <param name="seed">Seeds the shuffles.</param>
    /// <param name="progress">Receives the mean training loss after each epoch.</param>
    /// <exception cref="ArgumentException">A label is out of range or there are fewer than two classes.</exception>
    public static BagOfWordsClassifier Train(IReadOnlyList<LabeledDocument> train, IReadOnlyList<string> labels, int epochs = 10, double learningRate = 0.1,
        double l2 = 1e-5, bool binary = true, int minCount = 1, int seed = 1, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2) throw new ArgumentException("At least two classes are needed.", nameof(labels));
        if (train.FirstOrDefault(d => (uint)d.Label >= (uint)labels.Count) is { } bad)
            throw new ArgumentException($"Label {bad.Label} is out of range for {labels.Count} classes.", nameof(train));
        var vocab = Vocabulary.Build(train.SelectMany(d => d.Tokens), minCount, specials: []);
        int C = labels.Count;
        var model = new BagOfWordsClassifier(vocab, new float[vocab.Count * C], new float[C], labels, binary);
        var docs = train.Select(model.Featurize).ToArray();
        var order = Enumerable.Range(0, docs.Length).ToArray();
        var rng = new Random(seed);
        var probs = new float[C];
        var dz = new float[C];
        long step = 0, steps = (long)epochs * docs.Length;
        for (int e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            double total = 0;
            foreach (int i in order)
            {
                var (f, x) = docs[i];
                float lr = (float)(learningRate * (1 - (double)step++ / steps));
                total += ClassifierGradients.LogisticRegression<float>(f, x, model._w, model._b, train[i].Label, probs, dz);
                for (int k = 0; k < f.Length; k++)
                {
                    var row = model._w.AsSpan(f[k] * C, C);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(row, (float)(1 - lr * l2), row);         // w -= η λ w
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dz, -lr * x[k], row, row);          // W[f,:] -= η x_f (p - y)
                }
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dz, -lr, model._b, model._b);           // b -= η (p - y)
            }
            progress?.Report(docs.Length == 0 ? 0 : total / docs.Length);
        }
        return model;
    }

    /// <summary>Class probabilities for a tokenized document.</summary>
    public float[] Probabilities(IReadOnlyList<string> tokens)
    {
        var (f, x) = Featurize(new LabeledDocument(tokens, 0));
        var probs = new float[Labels.Count];
        ClassifierGradients.LogisticRegression<float>(f, x, _w, _b, 0, probs, new float[Labels.Count]);
        return probs;
    }

    /// <summary>The most probable class.</summary>
    public int Predict(IReadOnlyList<string> tokens) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(Probabilities(tokens));

    /// <summary>Accuracy and confusion matrix on <paramref name="documents"/>.</summary>
    public ClassificationReport Evaluate(IEnumerable<LabeledDocument> documents) =>
        ClassificationReport.From("bag-of-words logistic regression", Labels, documents.Select(d => (d.Label, Predict(d.Tokens))));

    /// <summary>The <paramref name="k"/> words whose weight most favours <paramref name="label"/> over the other classes' mean.</summary>
    public IReadOnlyList<(string Word, double Weight)> TopWords(int label, int k = 10)
    {
        int C = Labels.Count;
        double Margin(int f) => _w[f * C + label] - Enumerable.Range(0, C).Where(c => c != label).Average(c => _w[f * C + c]);
        return Enumerable.Range(0, _features.Count).OrderByDescending(Margin).Take(k).Select(f => (_features[f], Margin(f))).ToArray();
    }

    private (int[] Features, float[] Values) Featurize(LabeledDocument d)
    {
        var counts = new SortedDictionary<int, float>();
        foreach (var t in d.Tokens)
            if (_features.TryGetId(t, out int id))
                counts[id] = _binary ? 1 : counts.GetValueOrDefault(id) + 1;
        return (counts.Keys.ToArray(), counts.Values.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"BagOfWordsClassifier({FeatureCount:N0} features, {Labels.Count} classes)";
}
