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
