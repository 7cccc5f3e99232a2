using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepNlp.Data;
using DeepNlp.Engine.Notebooks;

namespace Course.Cli.Rendering;

/// <summary>The data-set files a live site carries: those its lectures' code cells name through <c>Datasets.</c>.</summary>
/// <remarks>
/// The site gets <c>data/FOLDER/FILE</c> for each file of each data set a rendered lecture uses, and
/// <c>data/index.json</c>, which maps the <c>Datasets</c> property names (<c>TinyShakespeare</c>) to their folder and files.
/// The live worker (<c>worker.js</c>) reads the index and, before a cell runs, fetches the files of the data sets that
/// cell names into the engine's in-memory <c>/live/datasets</c>, once each; the engine verifies their sha256 as natively.
/// A cell naming <c>Datasets.Catalog</c> or <c>Datasets.Root</c> (lecture 00 lists every data set) uses all of them.
/// </remarks>
internal static partial class LiveData
{
    [GeneratedRegex(@"\bDatasets\.(\w+)")]
    private static partial Regex DatasetUse();

    /// <summary>The data sets the notebook's code cells name (all of them for <c>Datasets.Catalog</c> or <c>Datasets.Root</c>).</summary>
    public static IEnumerable<Dataset> Used(Notebook notebook, DatasetCatalog catalog)
    {
        var byName = ByName(catalog);
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Code))
            foreach (Match m in DatasetUse().Matches(cell.Source))
            {
                var name = m.Groups[1].Value;
                if (name is nameof(Datasets.Catalog) or nameof(Datasets.Root))
                    foreach (var set in catalog.All) yield return set;
                else if (byName.TryGetValue(name, out var set)) yield return set;
            }
    }

    /// <summary>Copies the data sets' documented files into <c>OUT/data/</c> and writes <c>data/index.json</c>.</summary>
    /// <exception cref="DatasetNotFoundException">A documented file is missing from the kit's datasets folder.</exception>
    /// <exception cref="DatasetChecksumException">A file's sha256 differs from its README's (the site would carry a bad copy).</exception>
    public static void Write(IEnumerable<Dataset> used, DatasetCatalog catalog, string outDir)
    {
        var sets = used.Distinct().ToList();
        var names = ByName(catalog).ToDictionary(p => p.Value, p => p.Key);
        var index = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            set.Verify();
            foreach (var file in set.Files)
            {
                var to = Path.Combine(outDir, "data", set.Folder, file.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                using var source = File.OpenRead(set.PathOf(file.Name));
                DeepNlp.AtomicFile.Write(to, source.CopyTo);
            }
            index[names[set]] = new
            {
                folder = set.Folder,
                files = set.Files.Select(f => new { name = f.Name, bytes = new FileInfo(set.PathOf(f.Name)).Length }).ToArray(),
            };
        }
        Directory.CreateDirectory(Path.Combine(outDir, "data"));
        DeepNlp.AtomicFile.WriteAllText(Path.Combine(outDir, "data", "index.json"), JsonSerializer.Serialize(new { sets = index }) + "\n");
    }

    /// <summary>Finds the kit's data sets for a render: <c>DEEPNLP_DATASETS</c>, else the nearest <c>datasets/</c> above the
    /// notebooks, else above the current folder; null when there is none.</summary>
    public static DatasetCatalog? Find(string notebooksDir)
    {
        foreach (var start in new[] { notebooksDir, Directory.GetCurrentDirectory() })
        {
            try { return new DatasetCatalog(DatasetCatalog.FindRoot(start, Environment.GetEnvironmentVariable(DatasetCatalog.EnvironmentVariable))); }
            catch (DirectoryNotFoundException) when (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DatasetCatalog.EnvironmentVariable))) { }
        }
        return null;
    }

    /// <summary>The catalog's data sets by their <c>Datasets</c> property name (<c>TinyShakespeare</c> → its data set).</summary>
    private static Dictionary<string, Dataset> ByName(DatasetCatalog catalog) =>
        typeof(DatasetCatalog).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(Dataset).IsAssignableFrom(p.PropertyType))
            .ToDictionary(p => p.Name, p => (Dataset)p.GetValue(catalog)!, StringComparer.Ordinal);
}
