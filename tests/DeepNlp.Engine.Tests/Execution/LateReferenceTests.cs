using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>A reference that arrives after cells have made values (the browser's lazily fetched chart stack, a later
/// <c>#r</c>) must not change how those values' types bind.</summary>
public class LateReferenceTests
{
    // A kit (Kit.A) whose chart API needs a chart stack (Chart.B), as DeepNlp's Charts need Plotly.NET.
    private const string ChartStack = "namespace Chart.B { public sealed class Figure { public int Points; } }";
    private const string Kit =
        "namespace Kit.A { public sealed class Box<T> { public T[] Value = new T[2]; } "
        + "public static class Ops { public static int Count<T>(Box<T> b) => b.Value.Length; public static int Size(Box<double> b) => b.Value.Length; } "
        + "public static class Charts { public static Chart.B.Figure Plot<T>(Box<T> b) => new() { Points = b.Value.Length }; } }";

    /// <summary>Kit.A.dll in <c>lib/</c> without its dependency; returns the dependency's file, built in <c>stage/</c>.</summary>
    private static string KitWithoutItsChartStack(string folder)
    {
        var stage = Path.Combine(folder, "stage");
        Directory.CreateDirectory(Path.Combine(folder, "lib"));
        var chartStack = FixtureAssemblies.BuildOne(stage, "Chart.B", ChartStack);
        File.Copy(FixtureAssemblies.BuildOne(stage, "Kit.A", Kit, chartStack), Path.Combine(folder, "lib", "Kit.A.dll"));
        return chartStack;
    }

    [Fact]
    public async Task AddNewSiblingReferences_ChartStackArrivingAfterAKitValue_TheValueStillFitsTheKitAndItsChartApi()
    {
        // The browser's order: #r the kit while its chart stack is not there yet, make a kit value, then the worker writes
        // the chart stack beside the kit before the first cell that names charts, and that cell uses the earlier value.
        var folder = Directory.CreateTempSubdirectory("engine-late-charts-").FullName;
        var chartStack = KitWithoutItsChartStack(folder);
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });
        var first = await session.ExecuteAsync("#r \"../lib/Kit.A.dll\"\nvar b = new Kit.A.Box<double>();\nKit.A.Ops.Count(b)");

        File.Copy(chartStack, Path.Combine(folder, "lib", "Chart.B.dll"));
        var added = session.AddNewSiblingReferences();
        var chart = await session.ExecuteAsync("var figure = Kit.A.Charts.Plot(b);\nfigure.Points + Kit.A.Ops.Count(b) + Kit.A.Ops.Size(b)");
        var later = await session.ExecuteAsync("Kit.A.Ops.Count(b) * figure.Points");

        Assert.Equal("2", first.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(1, added);
        Assert.Null(chart.Error);
        Assert.Equal("6", chart.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal("4", later.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(1, session.RecompiledChains);
    }

    [Fact]
    public async Task Execute_HashRThatSuppliesAnEarlierLibrarysMissingDependency_EarlierValuesStillFit()
    {
        // The same order natively: the dependency comes from a #r of another folder, in a later cell.
        var folder = Directory.CreateTempSubdirectory("engine-late-hash-r-").FullName;
        KitWithoutItsChartStack(folder);
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });
        await session.ExecuteAsync("#r \"../lib/Kit.A.dll\"\nvar b = new Kit.A.Box<double>();");

        var chart = await session.ExecuteAsync("#r \"../stage/Chart.B.dll\"\nKit.A.Charts.Plot(b).Points + Kit.A.Ops.Count(b)");

        Assert.Null(chart.Error);
        Assert.Equal("4", chart.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(1, session.RecompiledChains);
    }

    [Fact]
    public async Task Execute_HashROfALibraryNothingEarlierDependsOn_KeepsTheChainAsItIs()
    {
        // Compiling the earlier cells again is for a reference that changes how they bind, not for every #r.
        var folder = Directory.CreateTempSubdirectory("engine-late-unrelated-").FullName;
        FixtureAssemblies.BuildPair(Path.Combine(folder, "lib"));
        using var session = new NotebookSession(new NotebookSessionOptions { NotebookDirectory = Path.Combine(folder, "notebooks") });
        await session.ExecuteAsync("var x = 3;");

        var outcome = await session.ExecuteAsync("#r \"../lib/Fixture.A.dll\"\nFixture.A.Maker.Make().Sum + x");

        Assert.Equal("8", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(0, session.RecompiledChains);
    }
}
