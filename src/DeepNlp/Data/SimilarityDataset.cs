using System.Globalization;

namespace DeepNlp.Data;

/// <summary>A word-similarity benchmark in gensim's three-column format (WordSim-353 or SimLex-999).</summary>
/// <remarks>
/// Neither set carries a licence from its authors; the kit ships them for evaluation with that caveat
/// (<c>datasets/word-similarity/README.md</c>). Evaluate with the Spearman correlation between cosine similarity
/// and <see cref="SimilarityPair.Score"/>.
/// </remarks>
public sealed class SimilarityDataset : Dataset
{
    private SimilarityDataset(DatasetCatalog catalog, string fileName, string name, int count)
        : base(catalog, "word-similarity",
        [
            fileName == "wordsim353.tsv"
                ? new("wordsim353.tsv", 7_186, "f92a022fc2537793a15bc3a8c162ebcd74990e033a228bb6388cb71e4c0b1e1d")
                : new("simlex999.txt", 18_126, "d5e0501971478a511430ee880bd0121e94ac701ba86d90544d83e6d2ba3db05d"),
        ])
    {
        FileName = fileName;
        Name = name;
        ExpectedCount = count;
    }

    internal static SimilarityDataset WordSim353(DatasetCatalog catalog) => new(catalog, "wordsim353.tsv", "WordSim-353", 353);

    internal static SimilarityDataset SimLex999(DatasetCatalog catalog) => new(catalog, "simlex999.txt", "SimLex-999", 999);

    /// <summary>The benchmark's name, e.g. <c>WordSim-353</c>.</summary>
    public string Name { get; }

    /// <summary>The pair file in <c>datasets/word-similarity/</c>.</summary>
    public string FileName { get; }

    /// <summary>The documented number of pairs (353 or 999).</summary>
    public int ExpectedCount { get; }

    /// <summary>All pairs in file order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    /// <exception cref="FormatException">A line is malformed (message names file and line).</exception>
    public IReadOnlyList<SimilarityPair> Load() => Parse(ReadLines(FileName), PathOf(FileName));

    /// <summary>Parses <c>word1 TAB word2 TAB score</c> lines; lines starting with <c>#</c> are comments.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="FormatException">A line does not have three fields or its score is not a number.</exception>
    public static IReadOnlyList<SimilarityPair> Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var pairs = new List<SimilarityPair>();
        int lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            if (f.Length != 3 || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
                throw new FormatException($"{source}:{lineNo}: expected 'word1<TAB>word2<TAB>score', got '{line}'.");
            pairs.Add(new SimilarityPair(f[0], f[1], score));
        }
        return pairs;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({PathOf(FileName)})";
}
