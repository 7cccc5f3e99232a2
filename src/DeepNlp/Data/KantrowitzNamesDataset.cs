namespace DeepNlp.Data;

/// <summary>Kantrowitz names corpus v1.3 (NLTK <c>names</c>): 5,001 female and 2,943 male English first names.</summary>
/// <remarks>
/// Licence: free use and redistribution with credit, provided <c>README-original.txt</c> travels with the lists.
/// 365 names are on both lists. Lines are trimmed (at least one has a trailing space).
/// </remarks>
public sealed class KantrowitzNamesDataset : Dataset
{
    internal KantrowitzNamesDataset(DatasetCatalog catalog)
        : base(catalog, "names-kantrowitz",
        [
            new("README-original.txt", 703, "a7e6bcf17150b76bb27df4e18efea89b60a06d048dc0d9dd116e3405510b5478"),
            new("female.txt", 35_576, "27aba6e427e906725302efc68a72d74d2fa3b9863700ed29664416cbd0ca508e"),
            new("male.txt", 20_293, "a574c9661396136cebebd64cb514c50b09358c793614a39680ce82962c32519f"),
        ])
    { }

    /// <summary>All names, female list first, each labelled with its list.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DatasetChecksumException">A file is corrupted.</exception>
    public IReadOnlyList<GenderedName> Load() =>
        Load(Gender.Female).Select(n => new GenderedName(n, Gender.Female))
            .Concat(Load(Gender.Male).Select(n => new GenderedName(n, Gender.Male))).ToArray();

    /// <summary>The names of one list, trimmed, in file order.</summary>
    /// <exception cref="DatasetNotFoundException">The file is missing.</exception>
    /// <exception cref="DatasetChecksumException">The file is corrupted.</exception>
    public IReadOnlyList<string> Load(Gender gender)
    {
        var file = gender == Gender.Female ? "female.txt" : "male.txt";
        return ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }
}
