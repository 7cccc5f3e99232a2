using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

public class DirectiveTests
{
    [Theory]
    [InlineData("#!csharp")]
    [InlineData("#!c#")]
    [InlineData("#!C#")]
    public async Task Execute_CSharpKernelAliases_AreAccepted(string alias)
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync($"{alias}\n6 * 7");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal("42", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Execute_OtherMagicCommand_FailsNamingIt()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("var a = 1;\n#!fsharp\nlet b = 2");

        Assert.Equal(CellStatus.CompileError, outcome.Status);
        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Contains("'#!fsharp'", outcome.Error.Message);
        Assert.Equal(2, outcome.Error.Line);
    }

    [Fact]
    public async Task Execute_TimeDirective_ReportsWallTimeAfterTheCell()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("#!time\nThread.Sleep(30);\nConsole.WriteLine(\"slept\");");

        var text = string.Concat(outcome.Events.OfType<StreamText>().Select(s => s.Text));
        Assert.StartsWith("slept\nWall time: ", text);
        var ms = double.Parse(text["slept\nWall time: ".Length..text.IndexOf(" ms", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ms, 30, 60_000);
    }

    [Fact]
    public async Task Execute_ReferencePath_IsRelativeToNotebookFolder_AndBringsSiblingDependencies()
    {
        var folder = Directory.CreateTempSubdirectory("engine-ref-").FullName;
        FixtureAssemblies.BuildPair(Path.Combine(folder, "lib"));
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });

        // Point lives in Fixture.B.dll, which only Fixture.A.dll references: #r of A must make B usable too.
        var outcome = await session.ExecuteAsync("#r \"../lib/Fixture.A.dll\"\nFixture.B.Point p = Fixture.A.Maker.Make();\np.Sum");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal("5", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task AddNewSiblingReferences_SiblingWrittenBesideTheLibraryAfterItsReference_IsReferencedAsARepeatedHashRWould()
    {
        var folder = Directory.CreateTempSubdirectory("engine-late-sibling-").FullName;
        var stage = Path.Combine(folder, "stage");
        var lib = Path.Combine(folder, "lib");
        Directory.CreateDirectory(lib);
        var b = FixtureAssemblies.BuildOne(stage, "Late.B", "namespace Late.B { public record Pair(int X, int Y) { public int Sum => X + Y; } }");
        var a = FixtureAssemblies.BuildOne(stage, "Late.A", "namespace Late.A { public static class Maker { public static Late.B.Pair Make() => new(4, 5); } }", b);
        File.Copy(a, Path.Combine(lib, "Late.A.dll"));
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });
        await session.ExecuteAsync("#r \"../lib/Late.A.dll\"");
        var before = await session.ExecuteAsync("Late.A.Maker.Make().Sum");

        File.Copy(b, Path.Combine(lib, "Late.B.dll"));
        var added = session.AddNewSiblingReferences();
        var after = await session.ExecuteAsync("Late.A.Maker.Make().Sum");

        Assert.Equal("CS0012", before.Error!.Message[..6]);
        Assert.Equal(1, added);
        Assert.Equal(CellStatus.Ok, after.Status);
        Assert.Equal("9", after.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(0, session.AddNewSiblingReferences());
    }

    [Fact]
    public async Task Execute_ReferenceToMissingFile_FailsWithPathAndLine()
    {
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.GetTempPath() });

        var outcome = await session.ExecuteAsync("// load\n#r \"nowhere/Missing.dll\"");

        Assert.Equal("DirectiveError", outcome.Error!.Name);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Contains(Path.Combine("nowhere", "Missing.dll"), outcome.Error.Message);
    }

    [Fact]
    public async Task Execute_PlotlyNetInteractive_IsReportedAsBuiltIn()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("#r \"nuget: Plotly.NET.Interactive, 4.0.0\"\n1");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Contains("built into the course kit engine", outcome.Events.OfType<StreamText>().Single().Text);
        Assert.Empty(session.LoadedPackages);
    }

    [Fact]
    public void Parse_IncludeSource_ResolvesFolderFeedsAgainstNotebookFolder_AndKeepsOffsets()
    {
        var source = "#i \"nuget: feed\"\n#i \"nuget: https://example.org/v3/index.json\"\nvar x = 1;";

        var parsed = CellDirectives.Parse(source, "/course/notebooks");

        Assert.Equal([Path.GetFullPath("/course/notebooks/feed"), "https://example.org/v3/index.json"], parsed.PackageSources);
        Assert.Equal(source.Length, parsed.Code.Length);
        Assert.Equal(source.IndexOf("var x", StringComparison.Ordinal), parsed.Code.IndexOf("var x", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NuGetReferences_ReadIdAndOptionalVersion()
    {
        var parsed = CellDirectives.Parse("#r \"nuget: Newtonsoft.Json, 13.0.3\"\n#r \"nuget:Humanizer\"", "/");

        Assert.Equal([new PackageRequest("Newtonsoft.Json", "13.0.3", 1), new PackageRequest("Humanizer", null, 2)], parsed.Packages);
    }

    [Fact]
    public async Task Execute_ReferenceToAnotherBuildOfALoadedAssembly_WarnsThatTheLoadedOneRuns()
    {
        var folder = Directory.CreateTempSubdirectory("engine-stale-").FullName;
        var loaded = FixtureAssemblies.BuildOne(Path.Combine(folder, "old"), "Fixture.Stale", "namespace Fixture.Stale { public static class V { public static int N => 1; } }");
        FixtureAssemblies.BuildOne(Path.Combine(folder, "new"), "Fixture.Stale", "namespace Fixture.Stale { public static class V { public static int N => 2; } }");
        System.Reflection.Assembly.LoadFrom(loaded);
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = folder });

        var outcome = await session.ExecuteAsync("#r \"new/Fixture.Stale.dll\"\nFixture.Stale.V.N");

        var stderr = string.Concat(outcome.Events.OfType<StreamText>().Where(s => s.Stream == StreamName.Stderr).Select(s => s.Text));
        Assert.Contains("line 1: this process already runs another build of Fixture.Stale.dll", stderr);
        Assert.Contains(loaded, stderr);
    }
}
