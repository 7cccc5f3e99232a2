namespace DeepNlp.Data;

/// <summary>Gutenberg English LM corpus: 24 public-domain novels, one paragraph per line, contiguous 90/5/5 split per book.</summary>
/// <remarks>
/// The text is raw (case kept, punctuation attached); tokenize it with <see cref="WordCorpus.Tokens"/>. Each split
/// has 23 empty lines separating the books. Documented sizes: train 43,157 lines / 2,253,874 whitespace tokens,
/// valid 2,311 / 123,788, test 2,104 / 122,930.
/// </remarks>
public sealed class GutenbergDataset : Dataset
{
    internal GutenbergDataset(DatasetCatalog catalog)
        : base(catalog, "gutenberg-english-lm",
        [
            new("books.tsv", 6_878, "a7af8e46266755e8242e5a39ca663e68d540b17986d155a1659cd2c78be1329a"),
            new("test.txt", 663_385, "96a39a8ee0fc519a43f63859b2baae05bf74911e8d77080ca0840e609572eb26"),
            new("train.txt.gz", 4_687_442, "f59dcd1629aa6facca6a38bcee1d515434e982007924454b42a64325f12b67ff"),
            new("valid.txt", 672_837, "3798b066f458e6c658dab62e773fcc5824aa7e7832736dbbfe6b165dd9a2651c"),
        ])
    { }

    /// <summary>The file that holds <paramref name="split"/>.</summary>
    public static string FileOf(Split split) => split switch
    {
        Split.Train => "train.txt.gz",
        Split.Valid => "valid.txt",
        Split.Test => "test.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>All three splits in memory (about 14 MB of text).</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetChecksumException">A file is corrupted.</exception>
    public WordCorpus Load() => new(Lines(Split.Train).ToArray(), Lines(Split.Valid).ToArray(), Lines(Split.Test).ToArray());

    /// <summary>Streams the lines (paragraphs and the empty book separators) of one split without holding the file in memory.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public IEnumerable<string> Lines(Split split) => ReadLines(FileOf(split));
}
