using DeepNlp.Data;

namespace DeepNlp.Tests.Data;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("deepnlp-catalog-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string CopyDataset(string folder)
    {
        var source = Path.Combine(Datasets.Root, folder);
        var target = Path.Combine(_temp, folder);
        Directory.CreateDirectory(target);
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        return target;
    }

    [Fact]
    public void Load_CorruptedFile_ThrowsChecksumErrorNamingFileAndBothHashes()
    {
        var dir = CopyDataset("tinyshakespeare");
        var file = Path.Combine(dir, "input.txt");
        var bytes = File.ReadAllBytes(file);
        bytes[1000] ^= 0x20;
        File.WriteAllBytes(file, bytes);
        var actual = TextFile.Sha256(file);
        var catalog = new DatasetCatalog(_temp);

        var e = Assert.Throws<DatasetChecksumException>(() => catalog.TinyShakespeare.Load());

        Assert.Equal(file, e.FilePath);
        Assert.Equal("86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed", e.Expected);
        Assert.Equal(actual, e.Actual);
        Assert.Contains(file, e.Message);
        Assert.Contains(e.Expected, e.Message);
        Assert.Contains(actual, e.Message);
        Assert.Contains("git checkout -- datasets/tinyshakespeare/", e.Message);
    }

    [Fact]
    public void Load_CorruptedGzipFile_ThrowsChecksumErrorBeforeDecompressing()
    {
        var dir = CopyDataset("glove-6B-50d-10k");
        var file = Path.Combine(dir, "glove.6B.50d.10k.txt.gz");
        var bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        var catalog = new DatasetCatalog(_temp);

        var e = Assert.Throws<DatasetChecksumException>(() => catalog.GloVe50d.Load());

        Assert.Equal(file, e.FilePath);
    }

    [Fact]
    public void Load_MissingFile_NamesTheDatasetAndHowToRestoreIt()
    {
        var dir = CopyDataset("google-analogy");
        File.Delete(Path.Combine(dir, "questions-words.txt"));
        var catalog = new DatasetCatalog(_temp);

        var e = Assert.Throws<DatasetNotFoundException>(() => catalog.GoogleAnalogy.Load());

        Assert.Contains("'google-analogy'", e.Message);
        Assert.Contains("questions-words.txt", e.Message);
        Assert.Contains("git checkout -- datasets/google-analogy/", e.Message);
        Assert.Equal(Path.Combine(dir, "questions-words.txt"), e.FileName);
    }

    [Fact]
    public void Load_MissingFolder_SaysTheDatasetIsMissing()
    {
        var catalog = new DatasetCatalog(_temp);

        var e = Assert.Throws<DatasetNotFoundException>(() => catalog.UsNames.Load());

        Assert.Contains("Data set 'names-us-ssa-2018' is missing (no folder)", e.Message);
    }

    [Fact]
    public void Verify_RepairedFile_PassesAfterAnEarlierFailure()
    {
        var dir = CopyDataset("names-us-ssa-2018");
        var file = Path.Combine(dir, "names.txt");
        var good = File.ReadAllBytes(file);
        File.WriteAllText(file, "emma\n");
        var catalog = new DatasetCatalog(_temp);
        Assert.Throws<DatasetChecksumException>(() => catalog.UsNames.Verify());

        File.WriteAllBytes(file, good);
        var names = catalog.UsNames.Load();

        Assert.Equal(32_033, names.Count);
    }

    [Fact]
    public void Verify_EveryShippedDataset_MatchesItsDocumentedHashesAndSizes()
    {
        var catalog = Datasets.Catalog;

        foreach (var d in catalog.All) d.Verify();

        Assert.All(catalog.All.SelectMany(d => d.Files.Select(f => (d, f))),
            x => Assert.Equal(x.f.Bytes, new FileInfo(x.d.PathOf(x.f.Name)).Length));
    }

    [Fact]
    public void FindRoot_WalksUpFromANestedFolder()
    {
        var nested = Path.Combine(_temp, "notebooks", "labs");
        Directory.CreateDirectory(nested);
        Directory.CreateDirectory(Path.Combine(_temp, "datasets"));

        var root = DatasetCatalog.FindRoot(nested, overridePath: null);

        Assert.Equal(Path.Combine(_temp, "datasets"), root);
    }

    [Fact]
    public void FindRoot_OverrideWins_EvenWhenADatasetsFolderIsAbove()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "datasets"));
        var other = Directory.CreateDirectory(Path.Combine(_temp, "elsewhere")).FullName;

        var root = DatasetCatalog.FindRoot(_temp, overridePath: other);

        Assert.Equal(other, root);
    }

    [Fact]
    public void FindRoot_OverrideToMissingFolder_NamesTheVariable()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.FindRoot(_temp, Path.Combine(_temp, "nope")));

        Assert.Contains("DEEPNLP_DATASETS", e.Message);
    }

    [Fact]
    public void Constructor_RepositoryRoot_UsesItsDatasetsSubfolder()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "datasets"));

        var catalog = new DatasetCatalog(_temp);

        Assert.Equal(Path.Combine(_temp, "datasets"), catalog.Root);
    }
}
