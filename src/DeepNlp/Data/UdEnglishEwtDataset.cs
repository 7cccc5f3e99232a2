namespace DeepNlp.Data;

/// <summary>UD English EWT v2.16 in CoNLL-U: POS-tagged English web text with the standard train/dev/test split (CC BY-SA 4.0).</summary>
/// <remarks>
/// Sentences: train 12,544, dev 2,001, test 2,077; syntactic words: 204,577 / 25,147 / 25,094. Only rows with an
/// integer ID are read: multiword-token ranges (<c>3-4</c>) and empty nodes (<c>8.1</c>) are skipped, as the README
/// prescribes for tagging. <see cref="Split.Valid"/> reads the dev file.
/// </remarks>
public sealed class UdEnglishEwtDataset : Dataset
{
    internal UdEnglishEwtDataset(DatasetCatalog catalog)
        : base(catalog, "ud-english-ewt",
        [
            new("en_ewt-ud-dev.conllu", 1_805_545, "531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6"),
            new("en_ewt-ud-test.conllu", 1_804_515, "e266e515a0a7547657ed3d90d9ba46487d6bd251f27ad4269d4e8a427c8555cd"),
            new("en_ewt-ud-train.conllu.gz", 2_605_912, "bd47e08c9e18ec12d319e84df2ccdb272ff6de1d0dba5761117d3caf8b358f7b"),
        ])
    { }

    /// <summary>The 17 UPOS tags in alphabetical order (a stable id order for tag vocabularies).</summary>
    public static IReadOnlyList<string> UposTags { get; } =
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"];

    /// <summary>The file that holds <paramref name="split"/>.</summary>
    public static string FileOf(Split split) => split switch
    {
        Split.Train => "en_ewt-ud-train.conllu.gz",
        Split.Valid => "en_ewt-ud-dev.conllu",
        Split.Test => "en_ewt-ud-test.conllu",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>All sentences of one split.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    /// <exception cref="FormatException">A token row is malformed (message names file and line).</exception>
    public IReadOnlyList<TaggedSentence> Load(Split split) => ConllU.Read(ReadLines(FileOf(split)), PathOf(FileOf(split))).ToList();
}
