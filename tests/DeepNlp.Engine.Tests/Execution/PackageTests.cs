using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>Real restores through `dotnet restore` (slow: a few seconds each), into a fresh cache folder.</summary>
public class PackageTests
{
    private static NotebookSession NewSession() => new(new NotebookSessionOptions
    {
        PackageCacheDirectory = Directory.CreateTempSubdirectory("engine-nuget-").FullName,
    });

    [Fact]
    public async Task Execute_NuGetReference_RestoresPackage_AndSecondVersionIsClearError()
    {
        using var session = NewSession();

        var restored = await session.ExecuteAsync("#r \"nuget: Newtonsoft.Json, 13.0.3\"\nNewtonsoft.Json.JsonConvert.SerializeObject(new { a = 1 })");
        var again = await session.ExecuteAsync("#r \"nuget: Newtonsoft.Json, 13.0.3\"\n2");
        var other = await session.ExecuteAsync("#r \"nuget: Newtonsoft.Json, 12.0.3\"");

        Assert.Equal(CellStatus.Ok, restored.Status);
        Assert.Equal("{\"a\":1}", restored.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal("13.0.3", session.LoadedPackages["Newtonsoft.Json"]);
        Assert.Equal(CellStatus.Ok, again.Status);
        Assert.Equal("PackageError", other.Error!.Name);
        Assert.Contains("Newtonsoft.Json 12.0.3 cannot be loaded: version 13.0.3 is already loaded", other.Error.Message);
    }

    [Fact]
    public async Task Execute_MissingPackage_FailsWithNuGetsError()
    {
        using var session = NewSession();

        var outcome = await session.ExecuteAsync("#r \"nuget: DeepNlp.Course.NoSuchPackage.Xyz, 1.0.0\"");

        Assert.Equal(CellStatus.CompileError, outcome.Status);
        Assert.Equal("PackageError", outcome.Error!.Name);
        Assert.Contains("NU1101", outcome.Error.Message);
        Assert.Contains("DeepNlp.Course.NoSuchPackage.Xyz", outcome.Error.Message);
        Assert.Equal(1, outcome.Error.Line);
    }

    [Fact]
    public async Task Execute_VersionTheSourcesLack_FailsWithNuGetsError()
    {
        using var session = NewSession();

        var outcome = await session.ExecuteAsync("#r \"nuget: Newtonsoft.Json, 99.0.0\"");

        Assert.Equal("PackageError", outcome.Error!.Name);
        Assert.Contains("NU1102", outcome.Error.Message);
        Assert.Contains("99.0.0", outcome.Error.Message);
    }
}
