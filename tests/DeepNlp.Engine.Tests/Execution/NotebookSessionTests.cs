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
    public async Task Execute_Cell_RecordsItsPhases_WhichAddUpToNoMoreThanItsElapsedTime()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var x = 20;");

        var outcome = await session.ExecuteAsync("System.Threading.Thread.Sleep(30);\nx + 22");
        var p = session.LastPhases!;

        Assert.Equal("42", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.True(p.Emit > 0 && p.Load > 0 && p.Display > 0, $"emit {p.Emit}, load {p.Load}, display {p.Display}");
        Assert.InRange(p.Run, 30, outcome.Elapsed.TotalMilliseconds);
        var sum = p.Directives + p.Parse + p.Compile + p.Emit + p.Load + p.Inspect + p.Run + p.Display;
        Assert.InRange(sum, p.Run, outcome.Elapsed.TotalMilliseconds);
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

    [Fact]
    public async Task Execute_RuntimeException_AfterAwaitAndInALambda_ReportsTheThrowingLine()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync(
            "var xs = new List<int> { 1, 2, 3 };\nawait Task.Yield();\nvar total = 0;\nforeach (var x in xs)\n    total += x;\n"
            + "Func<int, int> f = n =>\n    n == 6 ? throw new InvalidOperationException(\"six\") : n;\nf(total);");

        Assert.Equal("InvalidOperationException", outcome.Error!.Name);
        Assert.Equal(7, outcome.Error.Line);
        Assert.Equal(5, outcome.Error.Column);
    }

    [Fact]
    public async Task Execute_RuntimeException_InAnEarlierCellsFunction_ReportsTheCallingLine()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("int Twice(int n)\n{\n    if (n < 0) throw new ArgumentException(\"negative\");\n    return 2 * n;\n}");

        var outcome = await session.ExecuteAsync("var a = Twice(1);\nvar b = Twice(-1);");

        Assert.Equal("ArgumentException", outcome.Error!.Name);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Equal(9, outcome.Error.Column);
    }

    [Fact]
    public async Task Execute_TopLevelAwait_Works()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("await Task.Delay(10);\nawait Task.FromResult(5)");

        Assert.Equal("5", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Fact]
    public async Task Execute_DefaultUsings_MatchDotNetInteractive()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync(
            "var sb = new StringBuilder(\"a\"); var list = new List<int> { 1, 2 }; var n = list.Select(x => x).Count();\n"
            + "var p = Path.Combine(\"a\", \"b\"); HttpClient? c = null; CancellationToken t = default; Task done = Task.CompletedTask;\n"
            + "$\"{sb}{n}\"");

        Assert.Equal(CellStatus.Ok, outcome.Status);
        Assert.Equal("a2", outcome.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Equal(["System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Text", "System.Threading", "System.Threading.Tasks"],
            NotebookSession.DefaultUsings);
    }

    [Fact]
    public async Task Execute_NullTrailingExpression_ShowsNull_AndVoidCallShowsNothing()
    {
        using var session = new NotebookSession();

        var nullResult = await session.ExecuteAsync("string? s = null;\ns");
        var voidCall = await session.ExecuteAsync("Console.Write(\"\")");

        Assert.Equal("<null>", nullResult.Events.OfType<CellResult>().Single().Bundle.Text);
        Assert.Empty(voidCall.Events.OfType<CellResult>());
    }

    [Fact]
    public async Task Execute_Display_ReturnsHandle_WhoseUpdateReplacesTheSameDisplay()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("var h = display(\"start\");\nh.Update(\"half\");\nh.Update(HTML(\"<b>done</b>\"));");

        var shown = Assert.Single(outcome.Events.OfType<Displayed>());
        var updates = outcome.Events.OfType<DisplayUpdated>().ToList();
        Assert.Equal("start", shown.Bundle.Text);
        Assert.Equal([shown.DisplayId, shown.DisplayId], updates.Select(u => u.DisplayId));
        Assert.Equal("half", updates[0].Bundle.Text);
        Assert.Equal("<b>done</b>", updates[1].Bundle[MimeBundle.TextHtml]);
    }

    [Fact]
    public async Task Execute_TrailingDisplayCall_DoesNotAlsoShowTheHandle()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("display(1)");

        Assert.Single(outcome.Events.OfType<Displayed>());
        Assert.Empty(outcome.Events.OfType<CellResult>());
    }

    [Fact]
    public async Task Execute_ObjectWithToHtml_GetsTextHtmlBesideToString()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("record Score(double F1) { public string ToHtml() => $\"<td>{F1}</td>\"; }\nnew Score(0.5)");

        var bundle = outcome.Events.OfType<CellResult>().Single().Bundle;
        Assert.Equal("Score { F1 = 0.5 }", bundle.Text);
        Assert.Equal("<td>0.5</td>", bundle[MimeBundle.TextHtml]);
    }

    [Fact]
    public async Task Execute_EventsArriveInOrder_StreamsFlushedBeforeDisplays()
    {
        using var session = new NotebookSession();
        var seen = new List<string>();
        session.EventRaised += e => seen.Add(e.GetType().Name);

        await session.ExecuteAsync("Console.Write(\"partial\");\ndisplay(1);\nConsole.WriteLine(\"after\");\n2");

        Assert.Equal(["StreamText", "Displayed", "StreamText", "CellResult"], seen);
    }

    [Fact]
    public async Task Execute_FailedCell_KeepsEarlierState_AndCountsExecution()
    {
        using var session = new NotebookSession();

        await session.ExecuteAsync("var kept = 3;");
        var failed = await session.ExecuteAsync("throw new InvalidOperationException(\"boom\");");
        var after = await session.ExecuteAsync("kept");

        Assert.Equal(CellStatus.RuntimeError, failed.Status);
        Assert.Equal("boom", failed.Error!.Message);
        Assert.Equal(3, after.ExecutionCount);
        Assert.Equal("3", after.Events.OfType<CellResult>().Single().Bundle.Text);
    }

    [Theory]
    [InlineData("var x = 1;", CodeCompleteness.Complete)]
    [InlineData("for (var i = 0; i < 3; i++) {", CodeCompleteness.Incomplete)]
    [InlineData("var s = \"open", CodeCompleteness.Incomplete)]
    [InlineData("#r \"nuget: X\"\n1 + 1", CodeCompleteness.Complete)]
    [InlineData("var x = ;", CodeCompleteness.Invalid)]
    public void IsComplete_AnswersLikeTheScriptParser(string code, CodeCompleteness expected)
    {
        using var session = new NotebookSession();

        Assert.Equal(expected, session.IsComplete(code));
    }

    [Fact]
    public async Task GetCompilation_SeesEarlierCells_WithOffsetsOfTheTypedText()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var vocabularySize = 10;");
        var code = "#!time\nvocabularySize.ToStr";

        var compilation = session.GetCompilation(code);

        var tree = compilation.SyntaxTrees.Single();
        var position = code.IndexOf("vocabularySize", StringComparison.Ordinal);
        var model = compilation.GetSemanticModel(tree);
        var symbol = model.LookupSymbols(position).First(s => s.Name == "vocabularySize");
        Assert.Equal("vocabularySize", tree.GetText().ToString(new Microsoft.CodeAnalysis.Text.TextSpan(position, "vocabularySize".Length)));
        Assert.Equal("int", ((Microsoft.CodeAnalysis.IFieldSymbol)symbol).Type.ToDisplayString());
    }

    [Fact]
    public async Task Execute_TwoSessionsAtOnce_EachCapturesOnlyItsOwnConsoleOutput()
    {
        using var a = new NotebookSession();
        using var b = new NotebookSession();
        const string Loop = "for (var i = 0; i < 40; i++) { Console.WriteLine(\"{0}\"); Thread.Sleep(1); }";

        var both = await Task.WhenAll(a.ExecuteAsync(Loop.Replace("{0}", "a")), b.ExecuteAsync(Loop.Replace("{0}", "b")));

        Assert.Equal(string.Concat(Enumerable.Repeat("a\n", 40)), string.Concat(both[0].Events.OfType<StreamText>().Select(s => s.Text)));
        Assert.Equal(string.Concat(Enumerable.Repeat("b\n", 40)), string.Concat(both[1].Events.OfType<StreamText>().Select(s => s.Text)));
    }

    [Fact]
    public async Task Execute_OutputOfTasksTheCellAwaits_GoesToTheCell()
    {
        using var session = new NotebookSession();

        var outcome = await session.ExecuteAsync("await Task.Run(() => Console.WriteLine(\"from a task\"));");

        Assert.Equal("from a task\n", outcome.Events.OfType<StreamText>().Single().Text);
    }
}
