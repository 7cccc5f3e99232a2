namespace DeepNlp.Grading.Tests;

/// <summary>Paths in the kit checkout the tests run from.</summary>
public static class KitPaths
{
    /// <summary>The repository root: the first folder above the test binaries holding Course.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>How the grader starts workers in tests: this test assembly, run by dotnet (see TestHost).</summary>
    public static WorkerCommand Worker { get; } = new("dotnet", [typeof(KitPaths).Assembly.Location]);

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Course.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}
