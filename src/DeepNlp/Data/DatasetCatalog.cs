using System.Collections.Concurrent;

namespace DeepNlp.Data;

/// <summary>The shipped data sets under one <c>datasets/</c> folder, each verified against its documented sha256 on first use.</summary>
/// <remarks>
/// <see cref="Datasets"/> is the default instance, found from the working directory; create your own instance to
/// read a copy elsewhere (tests do this with a corrupted copy). Each catalog remembers which files it has verified,
/// so a file is hashed once per catalog, not on every load.
/// </remarks>
public sealed class DatasetCatalog
{
    /// <summary>Environment variable that, when set, names the datasets folder and overrides the search.</summary>
    public const string EnvironmentVariable = "DEEPNLP_DATASETS";

    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog over the data sets in <paramref name="root"/>.</summary>
    /// <param name="root">The datasets folder itself (the one holding <c>tinyshakespeare/</c> …), or a folder that contains <c>datasets/</c>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public DatasetCatalog(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = System.IO.Path.GetFullPath(root);
        if (!System.IO.Directory.Exists(full))
            throw new DirectoryNotFoundException($"Datasets folder '{full}' does not exist.");
        var nested = System.IO.Path.Combine(full, "datasets");
        Root = System.IO.Directory.Exists(nested) && !System.IO.Directory.Exists(System.IO.Path.Combine(full, "tinyshakespeare")) ? nested : full;

        TinyShakespeare = new TinyShakespeareDataset(this);
        Gutenberg = new GutenbergDataset(this);
        GoogleAnalogy = new GoogleAnalogyDataset(this);
        WordSim353 = SimilarityDataset.WordSim353(this);
        SimLex999 = SimilarityDataset.SimLex999(this);
        UdEnglishEwt = new UdEnglishEwtDataset(this);
        SentencePolarity = new SentencePolarityDataset(this);
        UsNames = new UsNamesDataset(this);
        KantrowitzNames = new KantrowitzNamesDataset(this);
        GloVe50d = new GloVeDataset(this);
        CmuDict = new CmuDictDataset(this);
    }

    /// <summary>Full path of the datasets folder.</summary>
    public string Root { get; }

    /// <summary>tinyshakespeare: 1,115,394 characters of Shakespeare (char-rnn), for character-level models.</summary>
    public TinyShakespeareDataset TinyShakespeare { get; }

    /// <summary>Gutenberg English LM corpus: 24 public-domain novels, one paragraph per line, train/valid/test.</summary>
    public GutenbergDataset Gutenberg { get; }

    /// <summary>Google analogy questions (word2vec <c>questions-words.txt</c>): 19,544 questions in 14 categories.</summary>
    public GoogleAnalogyDataset GoogleAnalogy { get; }

    /// <summary>WordSim-353: 353 word pairs with human relatedness scores (no licence stated by its authors).</summary>
    public SimilarityDataset WordSim353 { get; }

    /// <summary>SimLex-999: 999 word pairs with human similarity scores (no licence stated by its authors).</summary>
    public SimilarityDataset SimLex999 { get; }

    /// <summary>UD English EWT v2.16: POS-tagged sentences (UPOS and Penn XPOS), train/dev/test.</summary>
    public UdEnglishEwtDataset UdEnglishEwt { get; }

    /// <summary>Pang &amp; Lee sentence polarity v1.0: 10,662 movie-review snippets, positive/negative, fixed split.</summary>
    public SentencePolarityDataset SentencePolarity { get; }

    /// <summary>32,033 lower-case US first names (SSA 2018, makemore <c>names.txt</c>).</summary>
    public UsNamesDataset UsNames { get; }

    /// <summary>Kantrowitz names corpus: 5,001 female and 2,943 male English first names.</summary>
    public KantrowitzNamesDataset KantrowitzNames { get; }

    /// <summary>GloVe 6B 50-dimensional vectors for the 10,000 most frequent words.</summary>
    public GloVeDataset GloVe50d { get; }

    /// <summary>CMU Pronouncing Dictionary: 135,166 pronunciations of 126,052 words in ARPAbet (grapheme to phoneme).</summary>
    public CmuDictDataset CmuDict { get; }

    /// <summary>All data sets of the catalog, in the order of <c>datasets/README.md</c>.</summary>
    public IReadOnlyList<Dataset> All =>
        [TinyShakespeare, Gutenberg, GloVe50d, GoogleAnalogy, WordSim353, SimLex999, UdEnglishEwt, SentencePolarity, UsNames, KantrowitzNames, CmuDict];

    /// <summary>Finds the datasets folder: <c>DEEPNLP_DATASETS</c> if set, else the nearest <c>datasets/</c> walking up from <paramref name="startDirectory"/>.</summary>
    /// <param name="startDirectory">Where the upward search starts; default the current working directory.</param>
    /// <exception cref="DirectoryNotFoundException">The variable names a missing folder, or no <c>datasets/</c> exists above the start.</exception>
    public static DatasetCatalog Discover(string? startDirectory = null) => new(FindRoot(startDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>Resolves the datasets folder without reading process-global state other than what is passed in.</summary>
    /// <param name="startDirectory">Where the upward search starts; default the current working directory.</param>
    /// <param name="overridePath">Value of <c>DEEPNLP_DATASETS</c> (null or empty: not set).</param>
    /// <returns>Full path of the datasets folder.</returns>
    /// <exception cref="DirectoryNotFoundException">The override names a missing folder, or no <c>datasets/</c> exists above the start.</exception>
    public static string FindRoot(string? startDirectory, string? overridePath)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var full = System.IO.Path.GetFullPath(overridePath);
            if (!System.IO.Directory.Exists(full))
                throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{overridePath}', which is not a folder. Point it at the kit's datasets/ folder or unset it.");
            return full;
        }
        var start = System.IO.Path.GetFullPath(startDirectory ?? Environment.CurrentDirectory);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "datasets");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No datasets/ folder found in '{start}' or any folder above it. Run from inside the course kit clone " +
            $"(notebooks/, tests and the CLI all live below it), or set {EnvironmentVariable} to the kit's datasets/ folder.");
    }

    /// <summary>Checks one file (exists, documented sha256) unless this catalog already has.</summary>
    internal void EnsureVerified(Dataset dataset, DatasetFile file)
    {
        var path = dataset.PathOf(file.Name);
        if (_verified.ContainsKey(path)) return;
        if (!File.Exists(path))
        {
            var what = System.IO.Directory.Exists(dataset.Directory) ? $"is missing its file '{file.Name}'" : "is missing (no folder)";
            throw new DatasetNotFoundException($"Data set '{dataset.Folder}' {what}: looked for '{path}'. {dataset.RestoreHint}", path);
        }
        var actual = TextFile.Sha256(path);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new DatasetChecksumException(path, file.Sha256, actual, dataset.RestoreHint);
        _verified[path] = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"DatasetCatalog({Root})";
}
