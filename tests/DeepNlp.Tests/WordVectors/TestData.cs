namespace DeepNlp.Tests.WordVectors;

/// <summary>Finds files under the repository's datasets/ folder (walking up from the test's working directory).</summary>
internal static class TestData
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir != null && !Directory.Exists(System.IO.Path.Combine(dir.FullName, "datasets"))) dir = dir.Parent;
        if (dir == null) throw new DirectoryNotFoundException("No datasets/ folder above " + Directory.GetCurrentDirectory());
        return System.IO.Path.Combine([dir.FullName, "datasets", .. parts]);
    }
}
