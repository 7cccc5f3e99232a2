using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>Cells compile against a core set of framework assemblies first and fall back to all of them.</summary>
public class FrameworkReferenceTests
{
    [Fact]
    public async Task Execute_TypeOutsideTheCoreSet_Compiles_AndLaterCellsKeepIt()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var x = 1;");

        // System.Data.Common is not in the core set: the cell compiles on the second try, against every assembly.
        var table = await session.ExecuteAsync("var t = new System.Data.DataTable(); t.Columns.Add(\"a\"); t.Columns.Count + x");
        var later = await session.ExecuteAsync("t.Columns[0].ColumnName");

        Assert.Equal(CellStatus.Ok, table.Status);
        Assert.Equal("2", table.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(CellStatus.Ok, later.Status);
        Assert.Equal("a", later.Events.OfType<CellResult>().Single().Bundle.Text);
        // The core set's assemblies reference some outside it: the cells before the fall-back were compiled again with them.
        Assert.Equal(1, session.RecompiledChains);
    }

    [Fact]
    public async Task Execute_LibraryUsingAFrameworkAssemblyOutsideTheCoreSet_ItsValuesStillFitAfterTheFallback()
    {
        // Lecture 06 in the browser, natively: the library's dependency (there MathNet, here System.Data.Common) reached the
        // cells only with the fallback to every framework assembly, after a cell had made a value of the library's types;
        // Roslyn then bound the library again, and that value no longer fitted its methods (CS0411).
        var folder = Directory.CreateTempSubdirectory("engine-late-dependency-").FullName;
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        FixtureAssemblies.BuildOne(Path.Combine(folder, "lib"), "Gen.A",
            "namespace Gen.A { public sealed class Box<T> { public T[] Value = new T[2]; } "
            + "public static class Ops { public static int Count<T>(Box<T> b) => b.Value.Length; public static System.Data.DataTable Table() => new(); } }",
            [.. new[] { "System.Data.Common", "System.ComponentModel.TypeConverter", "System.ComponentModel.Primitives", "System.ComponentModel", "System.Xml.ReaderWriter" }
                .Select(n => Path.Combine(runtime, n + ".dll"))]);
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });
        var first = await session.ExecuteAsync("#r \"../lib/Gen.A.dll\"\nvar b = new Gen.A.Box<double>();\nGen.A.Ops.Count(b)");

        var second = await session.ExecuteAsync("var t = new System.Data.DataTable();\nGen.A.Ops.Count(b) + t.Columns.Count");

        Assert.Equal("2", first.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Null(second.Error);
        Assert.Equal("2", second.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Theory]
    [InlineData("new Uri(\"http://example.org/a\").Host", "example.org")]
    [InlineData("new System.Xml.Linq.XElement(\"a\", 1).ToString()", "<a>1</a>")]
    [InlineData("System.Text.RegularExpressions.Regex.IsMatch(\"ab\", \"b\")", "True")]
    [InlineData("dynamic d = 3; d + 1", "4")]
    public async Task Execute_FrameworkTypesForwardedOrOutsideDefaultUsings_Resolve(string code, string expected)
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync(code);

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal(expected, outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Execute_ErrorWithEveryFrameworkAssembly_IsReported_AndTheSessionGoesOn()
    {
        using var session = new NotebookSession();

        var failed = await session.ExecuteAsync("var u = new System.Data.DataTable();\nvar v = u.NoSuchMember;");
        var next = await session.ExecuteAsync("6 * 7");

        Assert.Equal(CellStatus.CompileError, failed.Status);
        Assert.Contains("CS1061", failed.Error!.Message);
        Assert.Equal(2, failed.Error.Line);
        Assert.Equal("42", next.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task GetCompilation_SeesAssembliesOutsideTheCoreSet_BeforeAnyCellNeededThem()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var x = 1;");

        var compilation = session.GetCompilation("System.Data.DataTable t = new();");

        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }
}
