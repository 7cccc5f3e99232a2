using System.Text;
using DeepNlp.Text;

namespace DeepNlp.Classification;

/// <summary>A fastText-style classifier (Joulin et al. 2017): the mean of word (and hashed bigram) embeddings, then a linear softmax layer.</summary>
/// <remarks>
/// As <c>fasttext supervised</c>: input rows start uniform in [-1/d, 1/d] and output weights at 0; the learning rate
/// decays linearly to 0 over all updates; the gradient reaching the input rows is divided by the number of rows
/// (fastText's normalised gradient); bigram rows are <c>V + (h % buckets)</c> with h = h_1·116049371 + h_2 over the
/// FNV-1a hashes of the two words (unknown words included), as fastText's addWordNgrams. Differences, on purpose: a
/// bias per class (fastText has none), documents visited in a seeded shuffled order each epoch (fastText reads the file
/// in order), single-threaded (so the same seed gives the same model). The loss and gradients are
/// <see cref="ClassifierGradients.FastText{T}"/>. Taught in <c>notebooks/02_text_classification.ipynb</c>.
/// </remarks>
public sealed class FastTextClassifier
{
    private readonly Vocabulary _words;
    private readonly float[] _E, _W, _b;
    private readonly FastTextOptions _o;
    private readonly int _d;

    private FastTextClassifier(Vocabulary words, FastTextOptions o, int d, IReadOnlyList<string> labels)
    {
        _words = words; _o = o; _d = d; Labels = labels;
        int rows = words.Count + (o.Bigrams ? o.Buckets : 0);
        _E = new float[(long)rows * d is var n && n <= int.MaxValue ? (int)n : throw new ArgumentOutOfRangeException(nameof(o), "Embedding table too large.")];
        _W = new float[labels.Count * d];
        _b = new float[labels.Count];
    }

    /// <summary>Class names, by id.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Embedding size.</summary>
    public int Dimension => _d;

    /// <summary>Number of trained weights: one embedding row per word (and per bigram bucket), plus the softmax layer.</summary>
    /// <remarks>(|V| + buckets)·d + C·d + C, with buckets = 0 without bigrams; every bucket row counts, used or not.</remarks>
    public long ParameterCount => (long)_E.Length + _W.Length + _b.Length;

    /// <summary>Trains the classifier.</summary>
    /// <param name="train">Training documents.</param>
    /// <param name="labels">Class names.</param>
    /// <param name="options">Hyper-parameters; null for the defaults.</param>
    /// <param name="progress">Receives the mean training loss after each epoch.</param>
    /// <exception cref="ArgumentException">A label is out of range or there are fewer than two classes.</exception>
    public static FastTextClassifier Train(IReadOnlyList<LabeledDocument> train, IReadOnlyList<string> labels, FastTextOptions? options = null, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(labels);
        var o = options ?? new FastTextOptions();
        if (labels.Count < 2) throw new ArgumentException("At least two classes are needed.", nameof(labels));
        if (train.FirstOrDefault(doc => (uint)doc.Label >= (uint)labels.Count) is { } bad)
            throw new ArgumentException($"Label {bad.Label} is out of range for {labels.Count} classes.", nameof(train));
        int d = o.Pretrained?.Dimension ?? o.Dimension;
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);
        var vocab = Vocabulary.Build(train.SelectMany(x => x.Tokens), o.MinCount, specials: []);
        var m = new FastTextClassifier(vocab, o, d, labels);
        var rng = new Random(o.Seed);
        for (int i = 0; i < m._E.Length; i++) m._E[i] = (float)((rng.NextDouble() * 2 - 1) / d);
        if (o.Pretrained is { } pre)
            for (int w = 0; w < vocab.Count; w++)
                if (pre.IndexOf(vocab[w]) is int r and >= 0) pre.Row(r).CopyTo(m._E.AsSpan(w * d, d));

        var docs = train.Select(x => m.Rows(x.Tokens)).ToArray();
        var order = Enumerable.Range(0, docs.Length).ToArray();
        int C = labels.Count;
        var h = new float[d]; var probs = new float[C]; var dH = new float[d]; var dW = new float[C * d]; var dB = new float[C];
        long step = 0, steps = (long)o.Epochs * docs.Length;
        for (int e = 0; e < o.Epochs; e++)
        {
            rng.Shuffle(order);
            double total = 0;
            foreach (int i in order)
            {
                float lr = (float)(o.LearningRate * (1 - (double)step++ / steps));
                var rows = docs[i];
                if (rows.Length == 0) continue;
                total += ClassifierGradients.FastText<float>(m._E, rows, m._W, m._b, train[i].Label, h, probs, dH, dW, dB);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dW, -lr, m._W, m._W);        // W -= η ∂W
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dB, -lr, m._b, m._b);        // b -= η ∂b
                float scale = -lr / rows.Length;
                foreach (int r in rows)
                {
                    var row = m._E.AsSpan(r * d, d);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dH, scale, row, row);   // E_r -= η ∂h / n
                }
            }
            progress?.Report(docs.Length == 0 ? 0 : total / docs.Length);
        }
        return m;
    }

    /// <summary>Class probabilities for a tokenized document (a document with no known word gets softmax(b)).</summary>
    public float[] Probabilities(IReadOnlyList<string> tokens)
    {
        var rows = Rows(tokens);
        int C = Labels.Count;
        var probs = new float[C];
        if (rows.Length == 0)
        {
            ClassifierGradients.SoftmaxCrossEntropy<float>(_b, 0, probs, new float[C]);
            return probs;
        }
        ClassifierGradients.FastText<float>(_E, rows, _W, _b, 0, new float[_d], probs, new float[_d], new float[C * _d], new float[C]);
        return probs;
    }

    /// <summary>The most probable class.</summary>
    public int Predict(IReadOnlyList<string> tokens) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(Probabilities(tokens));

    /// <summary>Accuracy and confusion matrix on <paramref name="documents"/>.</summary>
    public ClassificationReport Evaluate(IEnumerable<LabeledDocument> documents) =>
        ClassificationReport.From(ToString(), Labels, documents.Select(x => (x.Label, Predict(x.Tokens))));

    /// <summary>The fastText FNV-1a hash of a word (bytes of its UTF-8 form, sign-extended as fastText's int8 cast does).</summary>
    public static uint Hash(string word)
    {
        uint h = 2166136261;
        foreach (byte c in Encoding.UTF8.GetBytes(word))
        {
            h ^= (uint)(sbyte)c;
            h *= 16777619;
        }
        return h;
    }

    private int[] Rows(IReadOnlyList<string> tokens)
    {
        var rows = new List<int>(tokens.Count * 2);
        foreach (var t in tokens)
            if (_words.TryGetId(t, out int id)) rows.Add(id);
        if (_o.Bigrams)
            for (int i = 0; i + 1 < tokens.Count; i++)
            {
                // fastText keeps the hashes as int32 and widens them (sign-extending) to uint64
                ulong h = (ulong)(long)(int)Hash(tokens[i]) * 116049371UL + (ulong)(long)(int)Hash(tokens[i + 1]);
                rows.Add(_words.Count + (int)(h % (ulong)_o.Buckets));
            }
        return rows.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"fastText classifier (d={_d}{(_o.Bigrams ? ", bigrams" : "")}{(_o.Pretrained is null ? "" : ", pre-trained init")}, {_o.Epochs} epochs)";
}
