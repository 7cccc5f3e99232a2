namespace DeepNlp.WordVectors;

/// <summary>How well cosine similarity ranks word pairs like human judges do.</summary>
/// <param name="Name">Benchmark name, e.g. WordSim-353.</param>
/// <param name="Pairs">Pairs in the benchmark.</param>
/// <param name="Found">Pairs with both words in the vocabulary (the only ones scored).</param>
/// <param name="Spearman">Spearman rank correlation between cosine and human score over the found pairs (ties get mean ranks).</param>
public sealed record SimilarityReport(string Name, int Pairs, int Found, double Spearman)
{
    /// <summary>Pairs skipped because a word is out of vocabulary.</summary>
    public int Oov => Pairs - Found;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: Spearman ρ = {Spearman:F3} over {Found} of {Pairs} pairs ({Oov} OOV)";

    /// <summary>An HTML table row set with the figures.</summary>
    public string ToHtml() =>
        $"<table><tr><th>benchmark</th><th>Spearman ρ</th><th>pairs scored</th><th>OOV</th></tr><tr><td>{System.Net.WebUtility.HtmlEncode(Name)}</td><td>{Spearman:F3}</td><td>{Found}</td><td>{Oov}</td></tr></table>";
}
