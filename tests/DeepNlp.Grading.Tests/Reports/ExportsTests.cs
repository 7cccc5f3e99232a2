using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;
using DeepNlp.Grading.Policy;
using DeepNlp.Grading.Reports;

namespace DeepNlp.Grading.Tests.Reports;

public class ExportsTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 23, 59, 0, TimeSpan.Zero);

    private static SubmissionResult Result(Lab lab, string student, bool q2Passes, LateOutcome? late = null)
    {
        var q1 = new QuestionScore("q1", "Addition", 2, 2, false,
            [new TestScore("q1", "one plus one", false, true, 1, 1, ""), new TestScore("q1", "large numbers", true, true, 1, 1, "")], []);
        var q2 = new QuestionScore("q2", "", 3, q2Passes ? 3 : 0, false,
            [new TestScore("q2", "mean with negatives", true, q2Passes, q2Passes ? 3 : 0, 3, q2Passes ? "" : "Mean: expected -2, got 0")], []);
        var w1 = new QuestionScore("w1", "", 1, 0, true, [], []);
        return new SubmissionResult(student, student + ".ipynb", "hash", lab.Version, q2Passes ? 5 : 2, 5, [q1, q2, w1], [], true,
            new Dictionary<string, string>(), 1.5, 1) { Late = late };
    }

    [Fact]
    public void CanvasCsv_HasCanvasImportColumnsPointsPossibleAndFinalScores()
    {
        using var kit = new MiniKit();
        var lab = Lab.Load(kit.LabPath);
        var late = new LatePolicy(Due, TimeSpan.Zero, 10, 100, null).Evaluate(new SubmissionTime(Due.AddDays(1.5), "test"), TimeSpan.Zero);
        var roster = new Dictionary<string, RosterEntry> { ["alice"] = new("Alice, A.", "1001", "S1", "alice@u", "Section 1") };

        var csv = LmsExport.Canvas(lab, [Result(lab, "bob", false), Result(lab, "alice", true, late)], roster).Split('\n');

        Assert.Equal("Student,ID,SIS User ID,SIS Login ID,Section,mini", csv[0]);
        Assert.Equal("Points Possible,,,,,5", csv[1]);
        Assert.Equal("\"Alice, A.\",1001,S1,alice@u,Section 1,4", csv[2]);
        Assert.Equal("bob,,bob,,,2", csv[3]);
    }

    [Fact]
    public void QuestionsCsv_HasOneRowPerStudentAndAutogradedQuestion()
    {
        using var kit = new MiniKit();
        var lab = Lab.Load(kit.LabPath);
        var rows = LmsExport.Questions([Result(lab, "bob", false)]).TrimEnd('\n').Split('\n');
        Assert.Equal(["student,question,score,points,tests_passed,tests", "bob,q1,2,2,2,2", "bob,q2,0,3,0,1"], rows);
    }

    [Fact]
    public void Gradebook_ShowsRawPenaltyAndFinal_AndFeedbackSaysWhy()
    {
        using var kit = new MiniKit();
        var lab = Lab.Load(kit.LabPath);
        var policy = new LatePolicy(Due, TimeSpan.Zero, 10, 100, null);
        var r = Result(lab, "alice", true, policy.Evaluate(new SubmissionTime(Due.AddDays(2.5), "time from the submissions CSV"), TimeSpan.Zero));

        var book = GradebookCsv.Build(lab, [r]).Split('\n');
        var header = Csv.Split(book[0]);
        var row = Csv.Split(book[1]);
        Assert.Equal("5", row[header.IndexOf("autograded")]);
        Assert.Equal("3", row[header.IndexOf("late_days")]);
        Assert.Equal("1.5", row[header.IndexOf("penalty")]);
        Assert.Equal("3.5", row[header.IndexOf("final")]);
        var md = SubmissionReports.Markdown(lab, r, new FeedbackView(policy, true));
        Assert.Contains("submitted 3 day(s) late (time from the submissions CSV); 10% per started day: 30% off", md);
        Assert.Contains("Raw 5, penalty 1.5, final 3.5 / 5", md);
        Assert.Equal(3.5, (double)JsonNode.Parse(SubmissionReports.Gradescope(lab, r, new FeedbackView(policy, true)))!["score"]!);
    }

    [Fact]
    public void HiddenTests_AreAfterDueDateOnGradescope_AndUnnamedInLocalFeedbackUntilTheDueDate()
    {
        using var kit = new MiniKit();
        var lab = Lab.Load(kit.LabPath);
        var policy = new LatePolicy(Due, TimeSpan.Zero, 10, 100, null);
        var r = Result(lab, "bob", false);

        var tests = JsonNode.Parse(SubmissionReports.Gradescope(lab, r, new FeedbackView(policy, false)))!["tests"]!.AsArray();
        Assert.Equal(["visible", "after_due_date", "after_due_date"], tests.Select(t => (string)t!["visibility"]!));
        var before = SubmissionReports.Markdown(lab, r, new FeedbackView(policy, RevealHidden: false));
        Assert.DoesNotContain("mean with negatives", before);
        Assert.DoesNotContain("expected -2", before);
        Assert.Contains("shown after the due date", before);
        var after = SubmissionReports.Markdown(lab, r, new FeedbackView(policy, RevealHidden: true));
        Assert.Contains("(hidden) mean with negatives: Mean: expected -2, got 0", after);
        Assert.DoesNotContain("mean with negatives", SubmissionReports.Html(lab, r, new FeedbackView(policy, false)));
    }

    [Fact]
    public void Summary_IsOfflineHtmlWithChartsAndNamesTheFailingTestAndLimitHits()
    {
        using var kit = new MiniKit();
        var lab = Lab.Load(kit.LabPath);
        var stuck = Result(lab, "carol", false) with { Finished = false, Problems = ["attempt 1 was killed after the 300 s wall-time limit"] };
        var html = LabSummary.Build(lab, [Result(lab, "alice", true), Result(lab, "bob", false), stuck]);
        Assert.DoesNotContain("<script src=", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("\"type\":\"histogram\"", html);
        Assert.Contains("q2: mean with negatives (hidden)</td><td>2</td><td>3", html);
        var limits = html[html.IndexOf("hit a limit", StringComparison.Ordinal)..];
        Assert.Contains("<td>carol</td><td>attempt 1 was killed", limits);
        Assert.DoesNotContain("<td>bob</td>", limits);
    }
}
