namespace DeepNlp.WordVectors;

/// <summary>A trained GloVe model: word vectors W, context vectors W̃ and both biases.</summary>
public sealed class GloVeModel
{
    internal GloVeModel(IReadOnlyList<string> words, int dimension, float[] w, float[] wTilde, float[] b, float[] bTilde, IReadOnlyList<double> costs)
    {
        Words = words;
        Dimension = dimension;
        W = w;
        WTilde = wTilde;
        B = b;
        BTilde = bTilde;
        Costs = costs;
    }

    /// <summary>Row labels.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Vector size.</summary>
    public int Dimension { get; }

    /// <summary>Word vectors <c>[V, d]</c>.</summary>
    public float[] W { get; }

    /// <summary>Context vectors <c>[V, d]</c>.</summary>
    public float[] WTilde { get; }

    /// <summary>Word biases <c>[V]</c>.</summary>
    public float[] B { get; }

    /// <summary>Context biases <c>[V]</c>.</summary>
    public float[] BTilde { get; }

    /// <summary>Mean cost per epoch.</summary>
    public IReadOnlyList<double> Costs { get; }

    /// <summary>The vectors: W (Input), W̃ (Output) or (W + W̃)/2 (Average, the default).</summary>
    /// <remarks>The GloVe tool's default output (<c>-model 2</c>) is W + W̃; the average differs only by a factor 2, which no cosine sees.</remarks>
    public WordEmbeddings Vectors(VectorKind kind = VectorKind.Average)
    {
        var m = kind switch
        {
            VectorKind.Input => W,
            VectorKind.Output => WTilde,
            _ => W.Zip(WTilde, (a, b) => (a + b) / 2).ToArray(),
        };
        return new WordEmbeddings(Words, m, Dimension);
    }

    /// <inheritdoc />
    public override string ToString() => $"GloVeModel({Words.Count:N0} words × {Dimension}, final cost {(Costs.Count > 0 ? Costs[^1] : double.NaN):F4})";

    /// <summary>An HTML table of the cost per epoch.</summary>
    public string ToHtml() =>
        $"<table><caption>GloVe, {Words.Count:N0} words × {Dimension}</caption><tr><th>epoch</th><th>cost</th></tr>" +
        string.Concat(Costs.Select((c, i) => $"<tr><td>{i + 1}</td><td>{c:F5}</td></tr>")) + "</table>";
}
