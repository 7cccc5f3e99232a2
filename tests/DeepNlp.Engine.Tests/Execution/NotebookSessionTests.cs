using DeepNlp.Engine.Display;
using DeepNlp.Engine.Execution;

namespace DeepNlp.Engine.Tests.Execution;

public class NotebookSessionTests
{
    [Fact]
    public async Task Execute_StateCarriesAcrossCells_AndTrailingExpressionIsResult()
    {
        using var session = new NotebookSession();

        await session.ExecuteAsync("var x = 40;");
        var outcome = await session.ExecuteAsync("x + 2");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        var result = Assert.Single(outcome.Events.OfType<CellResult>());
        Assert.Equal("42", result.Bundle[MimeBundle.TextPlain]);
    }

    [Fact]
    public async Task Execute_TrailingSemicolon_DisplaysNothing()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("var y = 1 + 2;\nMath.Max(y, 1);");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Empty(outcome.Events.OfType<CellResult>());
    }

    [Fact]
    public async Task Execute_ConsoleWrites_BecomeStdoutAndStderrStreams()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("Console.WriteLine(\"hello\"); Console.Error.WriteLine(\"oops\");");

        var streams = outcome.Events.OfType<StreamText>().ToList();
        Assert.Equal("hello\n", string.Concat(streams.Where(s => s.Stream == StreamName.Stdout).Select(s => s.Text)));
        Assert.Equal("oops\n", string.Concat(streams.Where(s => s.Stream == StreamName.Stderr).Select(s => s.Text)));
    }

    [Fact]
    public async Task Execute_CompileError_ReportsLineAndColumn()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("var a = 1;\nvar b = nope + 1;");

        Assert.Equal(CellStatus.CompileError, outcome.Status);
        Assert.Equal("CompilationError", outcome.Error!.Name);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Equal(9, outcome.Error.Column);
        Assert.Contains("CS0103", outcome.Error.Message);
    }

    [Fact]
    public async Task Execute_RuntimeException_PutsCellFrameFirst()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("int F(int n) => 10 / n;\nvar z = 0;\nvar r = F(z);");

        Assert.Equal(CellStatus.RuntimeError, outcome.Status);
        Assert.Equal("DivideByZeroException", outcome.Error!.Name);
        Assert.Equal(1, outcome.Error.Line);
        Assert.StartsWith("   at the cell, line 1", outcome.Error.Traceback[1]);
    }
}
