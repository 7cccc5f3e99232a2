using System.IO.Compression;

namespace DeepNlp.NGrams;

/// <summary>Reads the lines of the shipped Gutenberg LM corpus directly, for tests and benchmarks.</summary>
/// <remarks>A stop-gap until the dataset catalogue (DeepNlp.Data) is merged; it does not verify checksums.</remarks>
internal static class GutenbergFiles
{
    public static string Folder()
    {
        var env = Environment.GetEnvironmentVariable("DEEPNLP_DATASETS");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "gutenberg-english-lm");
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "datasets", "gutenberg-english-lm");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("No datasets/gutenberg-english-lm folder above the working directory (set DEEPNLP_DATASETS).");
    }

    /// <summary>The lines of "train", "valid" or "test".</summary>
    public static IEnumerable<string> Lines(string split)
    {
        var folder = Folder();
        if (split == "train")
        {
            using var file = File.OpenRead(Path.Combine(folder, "train.txt.gz"));
            using var gz = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            while (reader.ReadLine() is { } line) yield return line;
        }
        else
        {
            foreach (var line in File.ReadLines(Path.Combine(folder, split + ".txt"))) yield return line;
        }
    }
}
