namespace DeepNlp.WordVectors;

/// <summary>A word and its cosine similarity to a query.</summary>
/// <param name="Word">The neighbouring word.</param>
/// <param name="Cosine">Cosine similarity in [-1, 1].</param>
public sealed record Neighbour(string Word, double Cosine)
{
    /// <inheritdoc />
    public override string ToString() => $"{Word} ({Cosine:F3})";
}
