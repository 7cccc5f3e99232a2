using System.Text.Json.Nodes;

namespace DeepNlp.Grading.Tests.Running;

public class LabGraderTests(MiniGradingRun run) : IClassFixture<MiniGradingRun>
{
    private string Scores(string student) =>
        string.Join(' ', run.Results[student].Questions.Where(q => !q.Written).Select(q => $"{q.Question}={q.Score:0.##}"));

    /// <summary>Asserts the per-question scores ("q1=2 q2=3"); a failure shows the submission's problems.</summary>
    private void AssertScores(string expected, string student)
    {
        string actual = Scores(student);
        Assert.True(actual == expected, $"{student}: expected {expected}, got {actual}\n{Problems(student)}");
    }

    private string Problems(string student) => string.Join("\n", run.Results[student].Problems);

    [Fact]
    public void Solution_GetsFullMarks_WithNoProblems()
    {
        AssertScores("q1=2 q2=3", "solution");
        Assert.Empty(run.Results["solution"].Problems);
        Assert.True(run.Results["solution"].Finished);
    }

    [Fact]
    public void StudentVersion_ScoresZero_ButRunsToTheEnd()
    {
        var r = run.Results["student"];

        AssertScores("q1=0 q2=0", "student");
        Assert.True(r.Finished);
        Assert.Equal("not implemented yet: return the sum of a and b.", r.Questions[0].Tests[0].Message);
    }

    [Fact]
    public void PartlyRight_EarnsTheShareOfThePassedTests()
    {
        AssertScores("q1=2 q2=1.5", "partial");
        Assert.Equal(3.5, run.Results["partial"].Score);
    }

    [Fact]
    public void InfiniteLoopInAFunction_TimesOutItsTests_OthersStillGraded()
    {
        AssertScores("q1=0 q2=3", "infinite_loop");
        Assert.StartsWith("timed out after 4 s", run.Results["infinite_loop"].Questions[0].Tests[0].Message);
    }

    [Fact]
    public void InfiniteLoopAtTopLevel_StopsThatCell_AndNamesIt()
    {
        AssertScores("q1=0 q2=3", "busy_cell");
        Assert.Contains("submission cell 3 (id add-1): TimedOut: ran past the 15 s limit per cell", Problems("busy_cell"));
    }

    [Fact]
    public void StackOverflow_CrashesOnlyItsTests_AfterRetries()
    {
        var r = run.Results["stack_overflow"];

        AssertScores("q1=0 q2=3", "stack_overflow");
        Assert.True(r.Finished);
        Assert.All(r.Questions[0].Tests, t => Assert.StartsWith("the grading process died during this test", t.Message));
        Assert.Contains("exited with code", Problems("stack_overflow"));
    }

    [Fact]
    public void HugeAllocation_FailsWithOutOfMemory_OthersStillGraded()
    {
        AssertScores("q1=0 q2=3", "huge_allocation");
        Assert.StartsWith("out of memory", run.Results["huge_allocation"].Questions[0].Tests[0].Message);
    }

    [Fact]
    public void EnvironmentExit_CostsOnlyTheQuestionThatCalledIt()
    {
        AssertScores("q1=2 q2=0", "exits");
        Assert.True(run.Results["exits"].Finished);
    }

    [Fact]
    public void ExceptionsInCells_AreNamedInFeedback_AndGradingGoesOn()
    {
        var problems = Problems("throws_everywhere");

        Assert.Contains("submission cell 3 (id add-1): RuntimeError: InvalidOperationException", problems);
        Assert.Contains("boom in the mean cell", problems);
        Assert.True(run.Results["throws_everywhere"].Finished);
        Assert.Contains("boom in the add cell", File.ReadAllText(Path.Combine(run.Out, "feedback", "throws_everywhere.md")));
    }

    [Fact]
    public void RenamedFunction_ZeroesItsQuestion_NamingTheLabsSignature()
    {
        var result = run.Results["renamed"];

        AssertScores("q1=0 q2=3", "renamed");
        Assert.All(result.Questions[0].Tests, t => Assert.Contains("Add is not defined with the lab's signature `int Add(int a, int b)`", t.Message));
        Assert.Contains(result.Problems, p => p.StartsWith("export of int Add(int a, int b): CompileError", StringComparison.Ordinal) && p.Contains("'Add'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("malformed", "malformed submission: malformed.ipynb: not valid notebook JSON")]
    [InlineData("not_notebook", "malformed submission: not_notebook.ipynb: not a notebook")]
    [InlineData("empty_folder", "no .ipynb notebook in the submission")]
    public void BadFiles_ScoreZero_WithTheReason(string student, string reason)
    {
        Assert.Equal(0, run.Results[student].Score);
        Assert.Contains(reason, Problems(student));
    }

    [Fact]
    public void EnormousOutput_IsDropped_AndTheWorkIsStillGraded()
    {
        AssertScores("q1=2 q2=3", "enormous_output");
        Assert.Contains("submission cell 3 (id add-1): (console output over the 200,000-character limit was dropped from here on)", Problems("enormous_output"));
    }

    [Fact]
    public void WritingIntoTheGradingFolder_DoesNotChangeAnyGrade()
    {
        var gradebook = File.ReadAllLines(Path.Combine(run.Out, "gradebook.csv"));
        var gradescope = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Out, "gradescope", "writes_files.json")))!;

        AssertScores("q1=2 q2=0", "writes_files");
        Assert.StartsWith("student,q1 (/2),q2 (/3),", gradebook[0]);
        Assert.Equal(run.Submissions.Count + 1, gradebook.Length);
        Assert.Contains(gradebook, l => l.StartsWith("writes_files,2,0,,2,5,", StringComparison.Ordinal));
        Assert.Equal(2, (double)gradescope["score"]!);
    }

    [Fact]
    public void FakeResultLinesAndSelfRegisteredTests_AreIgnored()
    {
        AssertScores("q1=0 q2=0", "fake_lines");
        Assert.DoesNotContain(run.Results["fake_lines"].Questions[0].Tests, t => t.Name == "free points");
    }

    [Fact]
    public void EditedVisibleTests_AreReplacedByTheLabsCopy()
    {
        AssertScores("q1=0 q2=0", "edited_tests");
        Assert.Equal(3, run.Results["edited_tests"].Questions[0].Tests.Count);
    }

    [Fact]
    public void Progress_IsReportedOncePerSubmission_CountingUp()
    {
        Assert.Equal(Enumerable.Range(1, run.Submissions.Count), run.Progress.Select(p => p.Done));
        Assert.All(run.Progress, p => Assert.Equal(run.Submissions.Count, p.Total));
    }

    [Fact]
    public void Outputs_IncludeFeedbackGradescopeAndWrittenAnswers()
    {
        var gradescope = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Out, "gradescope", "solution.json")))!;
        var tests = gradescope["tests"]!.AsArray();

        Assert.Equal(5, (double)gradescope["score"]!);
        Assert.Equal(5, tests.Count);
        Assert.Equal(["visible", "visible", "after_published", "visible", "after_published"],
            tests.Select(t => (string)t!["visibility"]!));
        Assert.Equal(5, tests.Sum(t => (double)t!["max_score"]!), 3);
        Assert.Contains("## solution", File.ReadAllText(Path.Combine(run.Out, "written", "w1.md")));
        Assert.Contains("<h1>mini: feedback for partial</h1>", File.ReadAllText(Path.Combine(run.Out, "feedback", "partial.html")));
    }

    [Fact]
    public async Task Regrading_SkipsUnchangedSubmissions_AndRegradesChangedOnes()
    {
        var changed = Path.Combine(run.Kit.Root, "resume", "partial.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(changed)!);
        File.WriteAllText(changed, File.ReadAllText(run.Submissions[2]) + "\n");
        var outDir = Path.Combine(run.Kit.Root, "resume-out");
        Directory.CreateDirectory(Path.Combine(outDir, ".state"));
        foreach (var f in Directory.GetFiles(Path.Combine(run.Out, ".state")))
            File.Copy(f, Path.Combine(outDir, ".state", Path.GetFileName(f)));
        var seen = new List<GradingProgress>();

        var results = await LabGrader.GradeAsync(run.Kit.LabPath, [run.Submissions[0], changed], outDir,
            MiniGradingRun.Options, new Collect(seen));

        Assert.Equal(["solution:True", "partial:False"], seen.OrderBy(p => p.Result.Student != "solution").Select(p => $"{p.Result.Student}:{p.Cached}"));
        Assert.Equal([5.0, 3.5], results.Select(r => r.Score));
    }

    private sealed class Collect(List<GradingProgress> into) : IProgress<GradingProgress>
    {
        public void Report(GradingProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
