using System.Text.Json.Nodes;
using Course.Cli.Rendering;
using DeepNlp.Engine.Notebooks;

namespace Course.Cli.Tests.Rendering;

public class NativeOutputTests
{
    /// <summary>A setup cell, a cell tagged native-output whose native run printed a line, and an untagged cell.</summary>
    private static Notebook Lecture(bool executed, TimeSpan took)
    {
        var notebook = new Notebook();
        notebook.Cells.Add(new NotebookCell(CellKind.Markdown, "# 07 lecture"));
        notebook.Cells.Add(new NotebookCell(CellKind.Code, "var n = 3;"));
        var heavy = new NotebookCell(CellKind.Code, "Train(minutes: 3)");
        heavy.Metadata["tags"] = new JsonArray("native-output");
        notebook.Cells.Add(heavy);
        notebook.Cells.Add(new NotebookCell(CellKind.Code, "n + 1"));
        if (executed)
        {
            var start = new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);
            heavy.Outputs.Add(new StreamOutput("stdout", "validation loss 1.234\n"));
            heavy.ExecutionCount = 2;
            heavy.Metadata[ExecutionTiming.Key] = ExecutionTiming.Create(start, start + took);
        }
        return notebook;
    }

    private static string Render(Notebook notebook, bool live) =>
        new NotebookHtml("/* plotly */", null, live ? "live/" : null).Render(notebook, "07", "index.html");

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void LivePage_TaggedExecutedCell_ShowsTheStoredOutputUnderALabelWithItsNativeDuration()
    {
        var notebook = Lecture(executed: true, took: TimeSpan.FromSeconds(195));

        var page = Render(notebook, live: true);

        Assert.Equal(1, Occurrences(page, "data-native-output=\"1\""));
        Assert.Contains("<div class=\"cell code\" data-native-output=\"1\"><div class=\"prompt\">In [2]:</div>", page);
        var label = page.IndexOf("<div class=\"output native-run-label\">Output from the native run, where this cell took 3.3 minutes. This cell, or one it needs,", StringComparison.Ordinal);
        var output = page.IndexOf("<pre class=\"output stdout\">validation loss 1.234\n</pre>", StringComparison.Ordinal);
        Assert.True(label > 0 && output > label, page);
    }

    [Fact]
    public void LivePage_TaggedCellOfAnUnexecutedNotebook_SaysTheNativeOutputIsNotStored()
    {
        var notebook = Lecture(executed: false, took: TimeSpan.Zero);

        var page = Render(notebook, live: true);

        Assert.Contains("<div class=\"output native-run-label\">The native run's output is not stored in this site", page);
        Assert.DoesNotContain("Output from the native run", page);
    }

    [Fact]
    public void LivePage_TaggedCellWithoutTimingRecord_LabelsTheOutputWithoutADuration()
    {
        var notebook = Lecture(executed: true, took: TimeSpan.Zero);
        notebook.Cells[2].Metadata.Remove(ExecutionTiming.Key);

        var page = Render(notebook, live: true);

        Assert.Contains("<div class=\"output native-run-label\">Output from the native run. This cell, or one it needs, takes more compute", page);
    }

    [Fact]
    public void LivePage_TaggedCellThatRanNativelyWithoutOutput_IsNotCalledUnstored()
    {
        var notebook = Lecture(executed: true, took: TimeSpan.FromSeconds(42));
        notebook.Cells[2].Outputs.Clear();

        var page = Render(notebook, live: true);

        Assert.Contains("<div class=\"output native-run-label\">Output from the native run, where this cell took 42 s.", page);
        Assert.DoesNotContain("is not stored", page);
    }

    [Fact]
    public void StaticPage_TagChangesNothing()
    {
        var tagged = Lecture(executed: true, took: TimeSpan.FromSeconds(195));
        var untagged = Lecture(executed: true, took: TimeSpan.FromSeconds(195));
        untagged.Cells[2].Metadata.Remove("tags");

        var page = Render(tagged, live: false);

        Assert.DoesNotContain("native-run-label\">", page);
        Assert.DoesNotContain("data-native-output=\"1\"", page);
        // No charts here (their ids are random), so the two pages must be identical.
        Assert.Equal(page, Render(untagged, live: false));
    }

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(119.4, "119 s")]
    [InlineData(120, "2.0 minutes")]
    [InlineData(195, "3.3 minutes")]
    public void Describe_SaysSecondsBelowTwoMinutes_ElseMinutes(double seconds, string expected)
    {
        Assert.Equal(expected, NativeOutput.Describe(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void IsTagged_OnlyCodeCellsWithTheExactTag()
    {
        var other = new NotebookCell(CellKind.Code, "1");
        other.Metadata["tags"] = new JsonArray("native-outputs", "slow");
        var markdown = new NotebookCell(CellKind.Markdown, "text");
        markdown.Metadata["tags"] = new JsonArray("native-output");
        var tagged = new NotebookCell(CellKind.Code, "1");
        tagged.Metadata["tags"] = new JsonArray("slow", "native-output");

        Assert.False(NativeOutput.IsTagged(other));
        Assert.False(NativeOutput.IsTagged(markdown));
        Assert.True(NativeOutput.IsTagged(tagged));
    }
}
