using DeepNlp.Engine.Execution;
using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Engine.Tests.Execution;

public class NotebookRunnerTests
{
    private static Notebook Make(params (CellKind Kind, string Source)[] cells)
    {
        var notebook = new Notebook();
        foreach (var (kind, source) in cells) notebook.Cells.Add(new NotebookCell(kind, source));
        return notebook;
    }

    [Fact]
    public async Task Run_StoresOutputsInNbformatShapes_AndSkipsMarkdown()
    {
        var notebook = Make(
            (CellKind.Markdown, "# not C#"),
            (CellKind.Code, "Console.Write(\"a\"); Console.WriteLine(\"b\");\nConsole.Error.WriteLine(\"c\");\n1 + 1"));

        var result = await NotebookRunner.RunAsync(notebook);

        Assert.True(result.Succeeded);
        var outputs = notebook.Cells[1].Outputs;
        Assert.Equal(new StreamOutput("stdout", "ab\n"), outputs[0]);
        Assert.Equal(new StreamOutput("stderr", "c\n"), outputs[1]);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(outputs[2]).Data.Text);
        Assert.Equal(1, notebook.Cells[1].ExecutionCount);
        Assert.Empty(notebook.Cells[0].Outputs);
    }

    [Fact]
    public async Task Run_RecordsNbclientTiming_OnEachCodeCell_AndClearOutputsRemovesIt()
    {
        var notebook = Make((CellKind.Markdown, "intro"), (CellKind.Code, "System.Threading.Thread.Sleep(300);"), (CellKind.Code, "1"));
        var before = DateTimeOffset.UtcNow;

        await NotebookRunner.RunAsync(notebook);

        var record = Assert.IsType<System.Text.Json.Nodes.JsonObject>(notebook.Cells[1].Metadata[ExecutionTiming.Key]);
        Assert.Equal(["iopub.execute_input", "shell.execute_reply"], record.Select(kv => kv.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", record["shell.execute_reply"]!.GetValue<string>());
        var slept = ExecutionTiming.Duration(notebook.Cells[1])!.Value;
        Assert.InRange(slept.TotalMilliseconds, 300, (DateTimeOffset.UtcNow - before).TotalMilliseconds);
        Assert.Null(notebook.Cells[0].Metadata[ExecutionTiming.Key]);
        notebook.ClearOutputs();
        Assert.Null(notebook.Cells[1].Metadata[ExecutionTiming.Key]);
        Assert.Null(ExecutionTiming.Duration(notebook.Cells[1]));
    }

    [Fact]
    public async Task Run_DisplayUpdate_RewritesTheEarlierOutput_EvenFromALaterCell()
    {
        var notebook = Make((CellKind.Code, "var h = display(\"0%\");"), (CellKind.Code, "h.Update(\"100%\");"));

        await NotebookRunner.RunAsync(notebook);

        Assert.Equal("100%", Assert.IsType<DisplayDataOutput>(Assert.Single(notebook.Cells[0].Outputs)).Data.Text);
        Assert.Empty(notebook.Cells[1].Outputs);
    }

    [Fact]
    public async Task Run_FailingCell_StopsTheRun_AndNamesCellAndLine()
    {
        var notebook = Make(
            (CellKind.Markdown, "intro"),
            (CellKind.Code, "var ok = 1;"),
            (CellKind.Code, "var a = 1;\nvar b = a / 0;\nvar c = undefinedName;"),
            (CellKind.Code, "ok"));

        var result = await NotebookRunner.RunAsync(notebook);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(3, failure.CellNumber);
        Assert.Equal("cell 3, line 3, column 9: CompilationError: CS0103: The name 'undefinedName' does not exist in the current context", failure.ToString());
        Assert.Equal(1, result.CellsSkipped);
        Assert.IsType<ErrorOutput>(Assert.Single(notebook.Cells[2].Outputs));
    }

    [Fact]
    public async Task Run_ContinueOnError_RunsTheRemainingCells()
    {
        var notebook = Make((CellKind.Code, "throw new Exception(\"x\");"), (CellKind.Code, "5"));

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { ContinueOnError = true });

        Assert.Single(result.Failures);
        Assert.Equal(0, result.CellsSkipped);
        Assert.Equal("5", Assert.IsType<ExecuteResultOutput>(Assert.Single(notebook.Cells[1].Outputs)).Data.Text);
    }

    [Fact]
    public async Task Run_NotebookWithoutKernelMetadata_RunsAsCSharp()
    {
        var notebook = Notebook.Parse("{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"source\": [\"3 * 3\"], \"metadata\": {}, \"outputs\": []}]}");

        var result = await NotebookRunner.RunAsync(notebook);

        Assert.True(result.Succeeded);
        Assert.Equal("9", Assert.IsType<ExecuteResultOutput>(Assert.Single(notebook.Cells[0].Outputs)).Data.Text);
    }
}
