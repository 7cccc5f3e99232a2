using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>The next cell's submission is bound while the session waits, and used only where it fits.</summary>
public class PreboundSubmissionTests
{
    // Zero: the binding starts at once and a cell that comes straight away waits for it, so back-to-back test cells use it.
    private static NotebookSession AtOnce(string? folder = null) =>
        new(new NotebookSessionOptions { NotebookDirectory = folder, PrepareDelay = TimeSpan.Zero });

    private static string Result(CellOutcome outcome)
    {
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        return outcome.Events.OfType<CellResult>().Single().Bundle.Text;
    }

    [Fact]
    public async Task CellsAfterTheFirst_CompileOnThePreparedSubmission_AndSeeEarlierCells()
    {
        using var session = AtOnce();
        await session.ExecuteAsync("var a = 40;");

        var second = await session.ExecuteAsync("var b = a + 1;\nb");
        var third = await session.ExecuteAsync("a + b - 39");

        Assert.Equal("41", Result(second));
        Assert.Equal("42", Result(third));
        Assert.Equal(2, session.PreboundCells);
    }

    [Fact]
    public async Task AfterWarmUp_TheFirstCellIsPrepared()
    {
        using var session = AtOnce();
        await session.WarmUpAsync();

        var first = await session.ExecuteAsync("6 * 7");

        Assert.Equal("42", Result(first));
        Assert.Equal(1, session.PreboundCells);
    }

    [Fact]
    public async Task CellAddingAReference_CompilesTheOrdinaryWay_AndTheCellAfterItIsPreparedAgain()
    {
        var folder = Directory.CreateTempSubdirectory("prebound-").FullName;
        try
        {
            FixtureAssemblies.BuildOne(folder, "Fixture.Prebound", "namespace Fixture.Prebound { public static class Answer { public static int Value => 42; } }");
            using var session = AtOnce(folder);
            await session.ExecuteAsync("var x = 1;");

            var referencing = await session.ExecuteAsync("#r \"Fixture.Prebound.dll\"\nFixture.Prebound.Answer.Value");
            var preparedBefore = session.PreboundCells;
            var after = await session.ExecuteAsync("Fixture.Prebound.Answer.Value - x");

            Assert.Equal("42", Result(referencing));
            Assert.Equal(0, preparedBefore);
            Assert.Equal("41", Result(after));
            Assert.Equal(1, session.PreboundCells);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CellsAfterCompileAndRuntimeErrors_AreStillPrepared_AndReportTheirOwnLines()
    {
        using var session = AtOnce();
        await session.ExecuteAsync("var n = 2;");

        var compileError = await session.ExecuteAsync("int broken = \"text\";");
        var runtimeError = await session.ExecuteAsync("var ok = n;\nvar bad = 10 / (n - 2);");
        var after = await session.ExecuteAsync("n + 40");

        Assert.Equal(CellStatus.CompileError, compileError.Status);
        Assert.Equal(CellStatus.RuntimeError, runtimeError.Status);
        Assert.Equal(2, runtimeError.Error!.Line);
        Assert.Equal("42", Result(after));
        Assert.Equal(3, session.PreboundCells);
    }

    [Fact]
    public async Task CellBeforeTheDelayEnds_BindsItsOwnReferences_InsteadOfWaitingForTheTimer()
    {
        using var session = new NotebookSession(new NotebookSessionOptions { PrepareDelay = TimeSpan.FromHours(1) });
        await session.ExecuteAsync("var a = 20;");

        var second = await session.ExecuteAsync("a + 22");

        Assert.Equal("42", Result(second));
        Assert.Equal(0, session.PreboundCells);
    }

    [Fact]
    public async Task CellAfterTheDelay_CompilesOnThePreparedSubmission()
    {
        using var session = new NotebookSession(new NotebookSessionOptions { PrepareDelay = TimeSpan.FromMilliseconds(20) });
        await session.ExecuteAsync("var a = 21;");
        var prepared = session.NextSubmissionPrepared;
        Assert.NotNull(prepared);
        await prepared.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await session.ExecuteAsync("a * 2");

        Assert.Equal("42", Result(second));
        Assert.Equal(1, session.PreboundCells);
    }
}
