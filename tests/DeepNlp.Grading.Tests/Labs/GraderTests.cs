using System.Text.Json;
using DeepNlp.Labs;

namespace DeepNlp.Grading.Tests.Labs;

/// <summary>The in-notebook Grader is process-global, so all its tests live in this one (sequential) class.</summary>
public class GraderTests : IDisposable
{
    public GraderTests() => Grader.Reset();

    public void Dispose() => Grader.Reset();

    [Fact]
    public void Check_RunsTheQuestionsVisibleTestsOnly_AndReportsFailures()
    {
        Grader.Question("q1", points: 2, "Demo");
        Grader.Test("q1", "passes", () => Expect.Equal(1 + 1, 2));
        Grader.Test("q1", "fails", () => Expect.Close(0.5, 0.25, what: "p"));
        Grader.Test("q1", "hidden one", () => throw new InvalidOperationException("should not run"), hidden: true);
        Grader.Test("q2", "other question", () => throw new InvalidOperationException("should not run"));

        var result = Grader.Check("q1");

        Assert.Equal(["passes:True", "fails:False"], result.Outcomes.Select(o => $"{o.Name}:{o.Passed}"));
        Assert.Equal("p: expected 0.25, got 0.5 (tolerance 1e-06)", result.Outcomes[1].Message);
        Assert.StartsWith("q1: 1/2 tests passed\n  ✓ passes\n  ✗ fails — p: expected 0.25", result.ToString());
        Assert.Contains("<td style=\"color:red\">✗</td><td>fails</td>", result.ToHtml());
        Assert.False(result.AllPassed);
    }

    [Fact]
    public void Test_RegisteredTwiceUnderOneName_IsReplaced()
    {
        Grader.Test("q1", "t", () => throw new InvalidOperationException("old"));
        Grader.Test("q1", "t", () => { });

        var result = Grader.Check("q1");

        Assert.True(result.AllPassed);
        Assert.Single(result.Outcomes);
    }

    [Fact]
    public void Check_NotImplementedTodo_SaysNotImplementedYet()
    {
        Grader.Test("q1", "todo", () => throw new NotImplementedException("write the loss"));

        var result = Grader.Check("q1");

        Assert.Equal("not implemented yet: write the loss", result.Outcomes[0].Message);
    }

    [Fact]
    public void Check_RunawayTest_TimesOutAndTheCheckReturns()
    {
        var saved = Grader.TestTimeout;
        Grader.TestTimeout = TimeSpan.FromMilliseconds(200);
        try
        {
            using var release = new ManualResetEventSlim();
            Grader.Test("q1", "hangs", () => release.Wait());

            var result = Grader.Check("q1");
            release.Set();

            Assert.Equal("timed out after 0.2 s (infinite loop?)", result.Outcomes[0].Message);
        }
        finally
        {
            Grader.TestTimeout = saved;
        }
    }

    [Fact]
    public void RunForGrading_AfterACrash_SkipsFinishedTestsAndFailsTheOneThatCrashed()
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "tests.jsonl");
        Grader.Test("q1", "a", () => { });
        Grader.Test("q1", "b", () => { });
        Grader.Test("q2", "c", () => Expect.True(false, "no"), hidden: true);
        File.WriteAllLines(log, [
            JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.Start, "q1", "a", false, 1, false, "", 0)),
            JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.End, "q1", "a", false, 1, true, "", 0)),
            JsonSerializer.Serialize(new GradingEvent("n1", GradingEventKind.Start, "q1", "b", false, 1, false, "", 0)),
            "{\"Nonce\":\"forged\",\"Kind\":\"end\",\"Question\":\"q2\",\"Name\":\"c\",\"Passed\":true}",
            "not json at all"]);

        int ran = Grader.RunForGrading(log, "n1", 5);

        Assert.Equal(1, ran);
        var ends = File.ReadLines(log).Select(l => l.StartsWith('{') ? JsonSerializer.Deserialize<GradingEvent>(l) : null)
            .Where(e => e is { Nonce: "n1", Kind: GradingEventKind.End }).Select(e => $"{e!.Name}:{e.Passed}").ToList();
        Assert.Equal(["a:True", "b:False", "c:False"], ends);
        Assert.Contains("\"Kind\":\"done\"", File.ReadLines(log).Last());
    }

    [Fact]
    public void RunForGrading_QuestionTimeout_GivesOnlyThatQuestionsTestsMoreTime()
    {
        using var dir = new TempDir();
        var log = Path.Combine(dir.Path, "tests.jsonl");
        Grader.Test("q1", "slow but allowed", () => Thread.Sleep(600));
        Grader.Test("q2", "slow, default limit", () => Thread.Sleep(600));

        Grader.RunForGrading(log, "n1", 0.2, new Dictionary<string, double> { ["q1"] = 5, ["q2"] = 0.1 });   // q2's own limit is below the default: the default holds

        var ends = File.ReadLines(log).Select(l => JsonSerializer.Deserialize<GradingEvent>(l))
            .Where(e => e is { Kind: GradingEventKind.End }).ToDictionary(e => e!.Name, e => e!);
        Assert.True(ends["slow but allowed"].Passed, ends["slow but allowed"].Message);
        Assert.False(ends["slow, default limit"].Passed);
        Assert.Equal("timed out after 0.2 s (infinite loop?)", ends["slow, default limit"].Message);
    }
}
