using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

/// <summary>The grader's branching: a session can continue from a marked point, and what was declared after the mark is
/// then out of scope, while what was declared before it is shared.</summary>
public class SessionMarkTests
{
    [Fact]
    public async Task Restore_ContinuesFromTheMark_DeclarationsAfterItAreOutOfScope()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("int before = 41;");
        var mark = session.Mark();
        await session.ExecuteAsync("int after = 1; static class Math { public static double Abs(double x) => -1; }");

        session.Restore(mark);
        var outOfScope = await session.ExecuteAsync("after");
        var shared = await session.ExecuteAsync("before + 1");
        var framework = await session.ExecuteAsync("Math.Abs(-2.0)");

        Assert.Equal(CellStatus.CompileError, outOfScope.Status);
        Assert.Contains("after", outOfScope.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("42", shared.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal("2", framework.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Restore_TypesDeclaredBeforeTheMark_AreTheSameOnBothBranches()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("class Shared { public int Value; }");
        var mark = session.Mark();
        await session.ExecuteAsync("AppContext.SetData(\"branch-object\", new Shared { Value = 7 });");

        session.Restore(mark);
        var other = await session.ExecuteAsync("((Shared)AppContext.GetData(\"branch-object\")!).Value");

        Assert.Equal(CellStatus.Ok, other.Status);
        Assert.Equal("7", other.Events.OfType<CellResult>().Single().Bundle.Text);
    }
}
