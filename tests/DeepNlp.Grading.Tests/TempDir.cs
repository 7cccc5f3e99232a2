namespace DeepNlp.Grading.Tests;

/// <summary>A temporary folder deleted at the end of the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("deepnlp-grading-test-").FullName;

    public string Write(string name, string text)
    {
        var p = System.IO.Path.Combine(Path, name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
