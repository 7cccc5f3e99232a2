using System.Collections.Concurrent;

namespace DeepNlp.Data;

/// <summary>A shipped data set: one folder under <c>datasets/</c>, its documented files and checksums.</summary>
/// <remarks>
/// Every file is checked against the sha256 in the data set's README the first time it is opened through this
/// object's <see cref="DatasetCatalog"/> (once per file per catalog, so once per process through
/// <see cref="Datasets"/>). Typed subclasses add a <c>Load</c> method.
/// </remarks>
public abstract class Dataset
{
    private readonly Dictionary<string, DatasetFile> _files;

    /// <summary>Creates a data set description.</summary>
    /// <param name="catalog">Catalog that owns the root folder and the verification cache.</param>
    /// <param name="folder">Folder name under the datasets root, e.g. <c>tinyshakespeare</c>.</param>
    /// <param name="files">The files the README documents, with sizes and hashes.</param>
    protected Dataset(DatasetCatalog catalog, string folder, IReadOnlyList<DatasetFile> files)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(files);
        Catalog = catalog;
        Folder = folder;
        Files = files;
        _files = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The catalog this data set belongs to.</summary>
    public DatasetCatalog Catalog { get; }

    /// <summary>Folder name under the datasets root (also the data set's name in messages).</summary>
    public string Folder { get; }

    /// <summary>The documented files with their sizes and sha256.</summary>
    public IReadOnlyList<DatasetFile> Files { get; }

    /// <summary>Full path of the data set's folder.</summary>
    public string Directory => System.IO.Path.Combine(Catalog.Root, Folder);

    /// <summary>Full path of one of the data set's files (not verified; use <see cref="OpenRead"/> to read).</summary>
    public string PathOf(string fileName) => System.IO.Path.Combine(Directory, fileName);

    /// <summary>Checks every documented file (existence and sha256), skipping those already checked.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetChecksumException">A file's sha256 differs from the documented one.</exception>
    public void Verify()
    {
        foreach (var f in Files) Catalog.EnsureVerified(this, f);
    }

    /// <summary>Opens a documented file for reading after verifying it; <c>.gz</c> files are decompressed.</summary>
    /// <exception cref="ArgumentException">The file is not one the README documents.</exception>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file's sha256 differs from the documented one.</exception>
    public Stream OpenRead(string fileName) => TextFile.OpenRead(VerifiedPath(fileName));

    /// <summary>Streams the (decompressed) lines of a documented file after verifying it.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file's sha256 differs from the documented one.</exception>
    public IEnumerable<string> ReadLines(string fileName) => TextFile.ReadLines(VerifiedPath(fileName));

    /// <summary>Reads the whole (decompressed) text of a documented file after verifying it.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file's sha256 differs from the documented one.</exception>
    public string ReadAllText(string fileName) => TextFile.ReadAllText(VerifiedPath(fileName));

    /// <summary>The full path of a documented file, verified (exists, sha256 matches) on first use.</summary>
    /// <exception cref="ArgumentException">The file is not one the README documents.</exception>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file's sha256 differs from the documented one.</exception>
    public string VerifiedPath(string fileName)
    {
        if (!_files.TryGetValue(fileName, out var file))
            throw new ArgumentException($"'{fileName}' is not a file of data set '{Folder}' (known: {string.Join(", ", _files.Keys)}).", nameof(fileName));
        Catalog.EnsureVerified(this, file);
        return PathOf(fileName);
    }

    /// <summary>How to get a good copy of this data set back, for error messages.</summary>
    internal string RestoreHint =>
        $"Restore it from the course kit repository: run `git checkout -- datasets/{Folder}/` in your clone, " +
        $"or copy the folder datasets/{Folder}/ from a fresh copy of the kit into {Catalog.Root}.";

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({Directory})";
}
