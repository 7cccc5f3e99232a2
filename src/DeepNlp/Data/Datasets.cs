namespace DeepNlp.Data;

/// <summary>The data sets shipped with the kit, found from the working directory: type <c>Datasets.</c> and pick one.</summary>
/// <remarks>
/// The folder is the nearest <c>datasets/</c> walking up from the working directory (a notebook in
/// <c>notebooks/</c>, a test, the CLI), unless the <c>DEEPNLP_DATASETS</c> environment variable names one. It is
/// resolved on first use. Every file is verified against the sha256 in its README once per process.
/// <code>
/// var text  = Datasets.TinyShakespeare.Load();          // 1,115,394 characters
/// var vocab = Vocabulary.FromCharacters(text);          // 65 symbols
/// </code>
/// </remarks>
public static class Datasets
{
    private static readonly Lazy<DatasetCatalog> DefaultCatalog = new(() => DatasetCatalog.Discover(), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The default catalog (found on first use; a failed search is retried on the next use, e.g. after setting the variable).</summary>
    /// <exception cref="DirectoryNotFoundException">No datasets folder could be found.</exception>
    public static DatasetCatalog Catalog => DefaultCatalog.Value;

    /// <summary>Full path of the datasets folder in use.</summary>
    public static string Root => Catalog.Root;

    /// <summary>tinyshakespeare: 1,115,394 characters of Shakespeare (char-rnn), for character-level models.</summary>
    public static TinyShakespeareDataset TinyShakespeare => Catalog.TinyShakespeare;

    /// <summary>Gutenberg English LM corpus: 24 public-domain novels, one paragraph per line, train/valid/test.</summary>
    public static GutenbergDataset Gutenberg => Catalog.Gutenberg;

    /// <summary>Google analogy questions: 19,544 questions in 14 categories.</summary>
    public static GoogleAnalogyDataset GoogleAnalogy => Catalog.GoogleAnalogy;

    /// <summary>WordSim-353 relatedness pairs (no licence stated by its authors; see its README).</summary>
    public static SimilarityDataset WordSim353 => Catalog.WordSim353;

    /// <summary>SimLex-999 similarity pairs (no licence stated by its authors; see its README).</summary>
    public static SimilarityDataset SimLex999 => Catalog.SimLex999;

    /// <summary>UD English EWT: POS-tagged sentences with UPOS and Penn XPOS tags.</summary>
    public static UdEnglishEwtDataset UdEnglishEwt => Catalog.UdEnglishEwt;

    /// <summary>Pang &amp; Lee sentence polarity (movie-review snippets, positive/negative).</summary>
    public static SentencePolarityDataset SentencePolarity => Catalog.SentencePolarity;

    /// <summary>32,033 lower-case US first names (makemore).</summary>
    public static UsNamesDataset UsNames => Catalog.UsNames;

    /// <summary>Kantrowitz names corpus with the sex of each name.</summary>
    public static KantrowitzNamesDataset KantrowitzNames => Catalog.KantrowitzNames;

    /// <summary>GloVe 6B 50d vectors for the 10,000 most frequent words.</summary>
    public static GloVeDataset GloVe50d => Catalog.GloVe50d;

    /// <summary>CMU Pronouncing Dictionary: English words and their ARPAbet pronunciations (grapheme to phoneme).</summary>
    public static CmuDictDataset CmuDict => Catalog.CmuDict;
}
