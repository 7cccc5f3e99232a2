namespace DeepNlp.Data;

/// <summary>Pang &amp; Lee sentence polarity v1.0 ("MR"): 5,331 positive + 5,331 negative snippets, CC BY 4.0.</summary>
/// <remarks>
/// The split was made by the kit, deterministically: line index i mod 10 = 8 → dev, 9 → test, else train, giving
/// 8,530 / 1,066 / 1,066 examples with balanced labels. <see cref="Split.Valid"/> reads <c>dev.tsv</c>. Labels
/// alternate within a file, so shuffle before training.
/// </remarks>
public sealed class SentencePolarityDataset : Dataset
{
    internal SentencePolarityDataset(DatasetCatalog catalog)
        : base(catalog, "sentence-polarity",
        [
            new("README-original.txt", 2_352, "94a2b97849746338d5f9533cdd8086ca11ffe6de168ec9f3d64d662fa733ecd3"),
            new("dev.tsv", 124_683, "61eb2345fcecfeee71bef08924e33a417b892be890b1da5b9c4c47e529d9dbf5"),
            new("rt-polarity.neg", 612_441, "614274f81185a850e5a88d533d4679f916d6f62e9af6f0b4ec71fb94bf466ea5"),
            new("rt-polarity.pos", 626_334, "c2dc6b2f55bcf725725372916287cc3f8f9b19402edaa9167de5287cb3ade421"),
            new("test.tsv", 125_675, "7daee4e9d407c4f616e589d60dc6dc673245d0c34680f57bff54ffc4b8df75ca"),
            new("train.tsv", 999_143, "0916b85792a34bb594e217b975b26cd41b8d8b16780f8e65614e34b8101b0553"),
        ])
    { }

    /// <summary>The TSV file that holds <paramref name="split"/>.</summary>
    public static string FileOf(Split split) => split switch
    {
        Split.Train => "train.tsv",
        Split.Valid => "dev.tsv",
        Split.Test => "test.tsv",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>The examples of one split, in file order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    /// <exception cref="FormatException">A line is malformed (message names file and line).</exception>
    public IReadOnlyList<PolarityExample> Load(Split split)
    {
        var file = FileOf(split);
        var source = PathOf(file);
        var examples = new List<PolarityExample>();
        int lineNo = 0;
        foreach (var line in ReadLines(file))
        {
            lineNo++;
            if (lineNo == 1)
            {
                if (line != "label\ttext") throw new FormatException($"{source}:1: expected the header 'label<TAB>text'.");
                continue;
            }
            int tab = line.IndexOf('\t');
            int label = tab == 1 && line[0] is '0' or '1' ? line[0] - '0' : -1;
            if (label < 0)
                throw new FormatException($"{source}:{lineNo}: expected '0|1<TAB>text', got '{line}'.");
            examples.Add(new PolarityExample(line[(tab + 1)..], label, split));
        }
        return examples;
    }
}
