using DeepNlp.Text;

namespace DeepNlp.WordVectors;

/// <summary>A trained word2vec model: its vocabulary and both vector tables.</summary>
/// <remarks>Rows follow <see cref="Vocabulary"/> ids (most frequent word first).</remarks>
public sealed class Word2VecModel
{
    internal Word2VecModel(Vocabulary vocabulary, int dimension, float[] input, float[] output, string description, TimeSpan trainingTime, double wordsPerSecondPerThread, IReadOnlyList<double>? epochLosses = null)
    {
        EpochLosses = epochLosses ?? [];
        Vocabulary = vocabulary;
        Dimension = dimension;
        Input = input;
        Output = output;
        Description = description;
        TrainingTime = trainingTime;
        WordsPerSecondPerThread = wordsPerSecondPerThread;
    }

    /// <summary>The model's words, most frequent first.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Vector size d.</summary>
    public int Dimension { get; }

    /// <summary>Input (centre) vectors <c>[V, d]</c>, row-major (the C tool's <c>syn0</c>).</summary>
    public float[] Input { get; }

    /// <summary>Output (context) vectors <c>[V, d]</c>, row-major (the C tool's <c>syn1neg</c>).</summary>
    public float[] Output { get; }

    /// <summary>How the model was trained, in one line.</summary>
    public string Description { get; }

    /// <summary>Mean loss per epoch, where the trainer computes it (the naive-softmax trainer does; the negative-sampling trainer, like the C tool, does not).</summary>
    public IReadOnlyList<double> EpochLosses { get; }

    /// <summary>Wall time of training.</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>Training throughput, corpus words per second per worker thread.</summary>
    public double WordsPerSecondPerThread { get; }

    /// <summary>The word vectors: input (default, what the C tool saves), output, or their average.</summary>
    public WordEmbeddings Vectors(VectorKind kind = VectorKind.Input)
    {
        float[] m = kind switch
        {
            VectorKind.Input => Input,
            VectorKind.Output => Output,
            _ => Average(),
        };
        return new WordEmbeddings(Vocabulary.Tokens, m, Dimension);
    }

    private float[] Average()
    {
        var m = new float[Input.Length];
        System.Numerics.Tensors.TensorPrimitives.Add(Input, Output, m);
        System.Numerics.Tensors.TensorPrimitives.Multiply(m, 0.5f, m);
        return m;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Word2VecModel({Vocabulary.Count:N0} words × {Dimension}; {Description}; {TrainingTime.TotalSeconds:F1}s, {WordsPerSecondPerThread / 1000:F1}k words/s/thread)";

    /// <summary>An HTML table of the model's size and training figures.</summary>
    public string ToHtml() =>
        "<table><tr><th>words</th><th>dimension</th><th>training</th><th>time</th><th>words/s/thread</th></tr>" +
        $"<tr><td>{Vocabulary.Count:N0}</td><td>{Dimension}</td><td>{System.Net.WebUtility.HtmlEncode(Description)}</td>" +
        $"<td>{TrainingTime.TotalSeconds:F1}s</td><td>{WordsPerSecondPerThread:N0}</td></tr></table>";
}
