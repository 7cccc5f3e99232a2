using System.Text.Json.Nodes;

namespace Course.Cli.Tests;

public class CommandTests
{
    [Fact]
    public void Test_BrokenNotebook_ExitsNonZero_NamesCellLineAndMessage_AndLeavesSourceUntouched()
    {
        var root = Directory.CreateTempSubdirectory("course-test-").FullName;
        CourseProcess.WriteNotebook(Path.Combine(root, "notebooks", "good.ipynb"), "var a = 2;", "a * 21");
        var broken = CourseProcess.WriteNotebook(Path.Combine(root, "notebooks", "broken.ipynb"), "var a = 1;", "var b = a;\nvar c = a / (b - 1);");
        var before = File.ReadAllBytes(broken);

        var (exit, output) = CourseProcess.Run(root, "test", "notebooks");

        Assert.Equal(1, exit);
        Assert.Contains($"FAILED {Path.Combine("notebooks", "broken.ipynb")}: cell 3, line 2: DivideByZeroException: Attempted to divide by zero.", output);
        Assert.Contains("1 passed, 1 failed", output);
        Assert.Matches(@"notebooks/good\.ipynb\s+2/2\s+ok", output);
        Assert.Equal(before, File.ReadAllBytes(broken));
    }

    [Fact]
    public void Test_LabWhoseVisibleCheckFails_FailsNamingTheQuestionAndTheTest()
    {
        var root = Directory.CreateTempSubdirectory("course-test-").FullName;
        string setup = $"#r \"{Path.Combine(AppContext.BaseDirectory, "DeepNlp.dll")}\"\nusing DeepNlp.Labs;";
        CourseProcess.WriteNotebook(Path.Combine(root, "notebooks", "passing.ipynb"), setup,
            "Grader.Question(\"q1\", points: 1);\nGrader.Test(\"q1\", \"one plus one\", () => Expect.Equal(1 + 1, 2));\nGrader.Check(\"q1\")");
        CourseProcess.WriteNotebook(Path.Combine(root, "notebooks", "failing.ipynb"), setup,
            "Grader.Question(\"q1\", points: 1);\nGrader.Test(\"q1\", \"one plus one is three\", () => Expect.Equal(1 + 1, 3));\nGrader.Check(\"q1\")");

        var (exit, output) = CourseProcess.Run(root, "test", "notebooks");

        Assert.Equal(1, exit);
        Assert.Contains("1 passed, 1 failed", output);
        Assert.Matches(@"notebooks/passing\.ipynb\s+2/2\s+ok", output);
        Assert.Contains("every visible test of q1 passes", output);
        Assert.Contains("one plus one is three", output);
    }

    [Fact]
    public void Run_WritesExecutedCopyUnderOut_AndRenderDrawsChartsOffline()
    {
        var root = Directory.CreateTempSubdirectory("course-run-").FullName;
        var plotly = Path.Combine(AppContext.BaseDirectory, "Plotly.NET.CSharp.dll");
        var source = CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "01_intro.ipynb"),
            $"#r \"{plotly}\"\nConsole.WriteLine(\"hello\");",
            "Plotly.NET.CSharp.Chart.Line<int, int, string>(x: new[] { 1, 2 }, y: new[] { 3, 4 })",
            "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1, 2 }, y: new[] { 3, 4 })");
        var before = File.ReadAllText(source);

        var (runExit, runOutput) = CourseProcess.Run(root, "run", source, "--out", "executed");
        var (renderExit, renderOutput) = CourseProcess.Run(root, "render", "executed", "--out", "site");

        Assert.True(runExit == 0, runOutput);
        Assert.Equal(before, File.ReadAllText(source));
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "executed", "lectures", "01_intro.ipynb")))!;
        Assert.Equal("hello\n", executed["cells"]![1]!["outputs"]![0]!["text"]![0]!.GetValue<string>());
        Assert.Equal("scatter", executed["cells"]![2]!["outputs"]![0]!["data"]!["application/vnd.plotly.v1+json"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.True(renderExit == 0, renderOutput);
        var page = File.ReadAllText(Path.Combine(root, "site", "lectures", "01_intro.html"));
        var plotlyJs = DeepNlp.Engine.Display.PlotlyScript.Load(typeof(Plotly.NET.GenericChart).Assembly).Script;
        Assert.Equal(1, Occurrences(page, plotlyJs[..300]));
        Assert.Equal(2, Occurrences(page, "Plotly.newPlot('chart-"));
        Assert.DoesNotContain("<script src=\"http", page);
        Assert.Contains("href=\"lectures/01_intro.html\"", File.ReadAllText(Path.Combine(root, "site", "index.html")));
    }

    [Fact]
    public void RenderLive_CarriesOnlyTheDataSetsItsLecturesName_WithAnIndexForTheWorker()
    {
        var root = Directory.CreateTempSubdirectory("course-live-").FullName;
        var host = Path.Combine(root, "host");
        Directory.CreateDirectory(Path.Combine(host, "_framework"));
        File.WriteAllText(Path.Combine(host, "worker.js"), "// published host stand-in");
        CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "02_names.ipynb"), "using DeepNlp.Data;", "var names = Datasets.UsNames.Load();");
        CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "04_plain.ipynb"), "1 + 1");
        var datasets = Path.Combine(RepositoryRoot(), "datasets");

        var (exit, output) = CourseProcess.Run(root, new Dictionary<string, string> { ["DEEPNLP_DATASETS"] = datasets },
            "render", "lectures", "--out", "site", "--live", host);

        Assert.True(exit == 0, output);
        Assert.Equal(["index.json", "names-us-ssa-2018"], Directory.GetFileSystemEntries(Path.Combine(root, "site", "data")).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(datasets, "names-us-ssa-2018", "names.txt")),
            File.ReadAllBytes(Path.Combine(root, "site", "data", "names-us-ssa-2018", "names.txt")));
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "site", "data", "index.json")))!;
        Assert.Equal("names-us-ssa-2018", index["sets"]!["UsNames"]!["folder"]!.GetValue<string>());
        Assert.Contains(index["sets"]!["UsNames"]!["files"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "names.txt"
            && f["bytes"]!.GetValue<long>() == new FileInfo(Path.Combine(datasets, "names-us-ssa-2018", "names.txt")).Length);
        Assert.True(File.Exists(Path.Combine(root, "site", "live", "worker.js")));
        // The worker starts from the page's first script, before the inlined plotly.js and the cells are parsed.
        var page = File.ReadAllText(Path.Combine(root, "site", "04_plain.html"));
        Assert.Contains("b.worker=new Worker(\"live/\"+\"worker.js\",{type:\"module\"})", page);
        Assert.True(page.IndexOf("window.deepnlpLiveBoot", StringComparison.Ordinal) < page.IndexOf("<script", page.IndexOf("</script>", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.True(page.IndexOf("deepnlpLiveBoot", StringComparison.Ordinal) < page.IndexOf("class=\"cell code\"", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderLive_LectureWhoseSetupCellImportsIlgpu_SaysItNeedsALocalKernel()
    {
        var root = Directory.CreateTempSubdirectory("course-live-").FullName;
        var host = Path.Combine(root, "host");
        Directory.CreateDirectory(Path.Combine(host, "_framework"));
        File.WriteAllText(Path.Combine(host, "worker.js"), "// published host stand-in");
        CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "09_gpu.ipynb"), "using ILGPU;\nconst bool FULL = false;", "1 + 1");
        CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "00_one_gpu_cell.ipynb"), "var a = 1;", "using ILGPU;\nvar b = 2;");

        var (exit, output) = CourseProcess.Run(root, "render", "lectures", "--out", "site", "--live", host);

        Assert.True(exit == 0, output);
        Assert.Contains("This lecture needs a local kernel.", File.ReadAllText(Path.Combine(root, "site", "09_gpu.html")));
        Assert.DoesNotContain("This lecture needs a local kernel.", File.ReadAllText(Path.Combine(root, "site", "00_one_gpu_cell.html")));
        Assert.False(Directory.Exists(Path.Combine(root, "site", "data", "names-us-ssa-2018")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void RenderExecute_InlinesTheFigureKeptBesideTheSourceNotebook_SoThePageNeedsNoOtherFile()
    {
        var root = Directory.CreateTempSubdirectory("course-figure-").FullName;
        var source = CourseProcess.WriteNotebook(Path.Combine(root, "lectures", "05_bptt.ipynb"), "1 + 1");
        var notebook = JsonNode.Parse(File.ReadAllText(source))!;
        notebook["cells"]![0]!["source"] = "# 05 bptt\n\n![the unrolled RNN](figures/rnn_unrolled.svg)\n\n![missing](figures/none.svg) ![outside](../secret.svg)";
        File.WriteAllText(source, notebook.ToJsonString());
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><text x=\"1\" y=\"9\">h</text></svg>";
        Directory.CreateDirectory(Path.Combine(root, "lectures", "figures"));
        File.WriteAllText(Path.Combine(root, "lectures", "figures", "rnn_unrolled.svg"), svg);
        File.WriteAllText(Path.Combine(root, "secret.svg"), svg);

        var (exit, output) = CourseProcess.Run(root, "render", "lectures", "--execute", "--out", "site");

        Assert.True(exit == 0, output);
        var page = File.ReadAllText(Path.Combine(root, "site", "05_bptt.html"));
        var dataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        Assert.Contains($"<img src=\"{dataUri}\" alt=\"the unrolled RNN\" />", page);
        Assert.Contains("<img src=\"figures/none.svg\" alt=\"missing\" />", page);
        Assert.Contains("<img src=\"../secret.svg\" alt=\"outside\" />", page);
        Assert.Equal(["05_bptt.html", "index.html", "mathjax.js"], Directory.GetFiles(Path.Combine(root, "site")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Run_RecordsItsStartupProfile_AndTheNextRunMakesItTheProfile()
    {
        var root = Directory.CreateTempSubdirectory("course-jit-").FullName;
        var notebook = CourseProcess.WriteNotebook(Path.Combine(root, "one.ipynb"), "6 * 7");
        var cache = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(root, "cache") };
        var jit = Path.Combine(root, "cache", "deepnlp-course", "jit");

        var first = CourseProcess.Run(root, cache, "run", notebook, "--out", "executed");
        var recorded = Directory.GetFiles(jit, "run.*.jitprofile", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        var second = CourseProcess.Run(root, cache, "run", notebook, "--out", "executed");

        Assert.True(first.Exit == 0, first.Output);
        Assert.True(second.Exit == 0, second.Output);
        Assert.True(Assert.Single(recorded) > 1000, "the recording lists the methods compiled on the way to the first result");
        Assert.Single(Directory.GetFiles(jit, "run.jitprofile", SearchOption.AllDirectories));
    }

    [Fact]
    public void Run_MalformedNotebook_FailsNamingFileAndLine()
    {
        var root = Directory.CreateTempSubdirectory("course-bad-").FullName;
        File.WriteAllText(Path.Combine(root, "bad.ipynb"), "{\n \"cells\": [\n}");

        var (exit, output) = CourseProcess.Run(root, "run", "bad.ipynb");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL bad.ipynb: ", output);
        Assert.Contains("bad.ipynb(3): not valid JSON", output);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
