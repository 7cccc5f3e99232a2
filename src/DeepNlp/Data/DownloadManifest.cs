namespace DeepNlp.Data;

/// <summary>The larger corpora users may download themselves with <see cref="DatasetDownloader"/> (nothing here is shipped).</summary>
public static class DownloadManifest
{
    /// <summary>text8: the first 10⁸ bytes of an English Wikipedia dump (March 2006), cleaned to lower-case letters and spaces (Matt Mahoney).</summary>
    /// <remarks>17,005,207 words on one line; the classic word2vec training corpus. Text from Wikipedia, CC BY-SA.</remarks>
    public static DownloadEntry Text8 { get; } = new(
        "text8", "http://mattmahoney.net/dc/text8.zip", "text8.zip", 31_344_016, Sha256: null, Md5: null,
        "first 10^8 bytes of cleaned English Wikipedia (zip holding one file, text8)", "CC BY-SA (Wikipedia text)");

    /// <summary>GloVe 6B: 400,000-word uncased vectors in 50, 100, 200 and 300 dimensions (Pennington et al. 2014).</summary>
    /// <remarks>The zip holds <c>glove.6B.{50,100,200,300}d.txt</c>; read one with <see cref="PretrainedVectors.ReadText(string, int?)"/> after extracting.</remarks>
    public static DownloadEntry GloVe6B { get; } = new(
        "glove-6B", "https://nlp.stanford.edu/data/glove.6B.zip", "glove.6B.zip", 862_182_613, Sha256: null, Md5: "056ea991adb4740ac6bf1b6d9b50408b",
        "GloVe 6B vectors, 400k words, 50/100/200/300 dimensions (zip)", "PDDL 1.0");

    /// <summary>All entries.</summary>
    public static IReadOnlyList<DownloadEntry> Entries { get; } = [Text8, GloVe6B];

    /// <summary>The entry called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such entry; the message lists the known names.</exception>
    public static DownloadEntry Get(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No downloadable corpus called '{name}'. Known: {string.Join(", ", Entries.Select(e => e.Name))}.");
}
