namespace DeepNlp.Data;

/// <summary>32,033 lower-case US first names (SSA 2018) from karpathy/makemore, for character-level generation.</summary>
/// <remarks>29,494 distinct names (the SSA lists girls and boys separately); letters a–z only, 2 to 15 long.</remarks>
public sealed class UsNamesDataset : Dataset
{
    /// <summary>The name list.</summary>
    public const string FileName = "names.txt";

    internal UsNamesDataset(DatasetCatalog catalog)
        : base(catalog, "names-us-ssa-2018",
            [new(FileName, 228_145, "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d")])
    { }

    /// <summary>All names in file order (roughly by popularity), duplicates kept.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public IReadOnlyList<string> Load() => ReadLines(FileName).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
