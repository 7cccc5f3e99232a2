namespace DeepNlp.Data;

/// <summary>GloVe 6B 50d (Pennington et al. 2014), the 10,000 most frequent words, in frequency order (PDDL 1.0).</summary>
/// <remarks>Lower-cased vocabulary including punctuation tokens (<c>,</c> <c>.</c> <c>'s</c>); row n is the n-th most frequent word.</remarks>
public sealed class GloVeDataset : Dataset
{
    /// <summary>The vector file (gzip-compressed GloVe text format).</summary>
    public const string FileName = "glove.6B.50d.10k.txt.gz";

    internal GloVeDataset(DatasetCatalog catalog)
        : base(catalog, "glove-6B-50d-10k",
            [new(FileName, 1_691_956, "db2a4e774b5f8a71b1b124f6fdaa482a05cc352c43ababac819b8e177ad08f25")])
    { }

    /// <summary>The vectors (10,000 × 50), optionally only the <paramref name="maxWords"/> most frequent words.</summary>
    /// <param name="maxWords">Keep the first this many rows; null for all 10,000.</param>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public PretrainedVectors Load(int? maxWords = null) => PretrainedVectors.ReadText(ReadLines(FileName), PathOf(FileName), maxWords);
}
