using DeepNlp.Grading.Authoring;
using DeepNlp.Labs;

namespace DeepNlp.Grading.Running;

/// <summary>Turns the worker logs into per-question scores and a list of problems.</summary>
/// <remarks>
/// A question's points are split over its tests by weight; a passed test earns its share. When any tests cell of a
/// question (visible or hidden) did not compile or run, the question scores zero: otherwise renaming a function the
/// visible tests call would leave only the hidden tests to count. A question whose forbidden kit API a student cell
/// references (a <c>violation</c> line, see <see cref="ForbiddenCalls"/>) scores zero, and its feedback names the call,
/// the cell and the line.
/// </remarks>
internal static class Scoring
{
    public static (List<QuestionScore> Questions, List<string> Problems, bool Finished) Score(Lab lab,
        IReadOnlyList<CellEvent> cells, IReadOnlyList<GradingEvent> tests)
    {
        var problems = new List<string>();
        var ends = cells.Where(c => c.Kind == CellEventKind.End).GroupBy(c => c.Index).Select(g => g.Last()).OrderBy(c => c.Index).ToList();
        bool finished = cells.Any(c => c.Kind == CellEventKind.Done);
        foreach (var c in ends.Where(c => c.Status != CellEventStatus.Ok && c.CellKind is PlannedCellKind.Student or PlannedCellKind.Setup or PlannedCellKind.Provided or PlannedCellKind.Run or PlannedCellKind.Export or PlannedCellKind.Stubs))
            problems.Add(c.CellKind == PlannedCellKind.Run ? $"the test run stopped: {c.Status}: {c.Message}" : $"{c.Label}: {c.Status}: {c.Message}");
        foreach (var c in ends.Where(c => c.Status == CellEventStatus.Ok && c.Message.Length > 0))
            problems.Add($"{c.Label}: {c.Message}");
        var violations = cells.Where(c => c.Kind == CellEventKind.Violation).GroupBy(c => (c.Index, c.Message)).Select(g => g.First()).ToList();
        foreach (var v in violations)
            problems.Add($"{v.Label}, {v.Message}: {(v.Status == CellEventStatus.Refused ? "the cell was not run, and " : "")}questions {v.Question.Replace(",", ", ", StringComparison.Ordinal)} score 0");
        var testEnds = tests.Where(t => t.Kind == GradingEventKind.End).GroupBy(t => (t.Question, t.Name)).Select(g => g.Last()).ToList();
        var questions = new List<QuestionScore>();
        foreach (var q in lab.Questions)
        {
            if (q.Written)
            {
                questions.Add(new QuestionScore(q.Id, q.Title, q.Points, 0, true, [], []));
                continue;
            }
            var broken = ends.Where(c => c.CellKind is PlannedCellKind.Tests or PlannedCellKind.Hidden && c.Question == q.Id && c.Status != CellEventStatus.Ok)
                .Select(c => $"{c.Label}: {c.Status}: {c.Message}").ToList();
            var forbidden = violations.Where(v => v.Question.Split(',').Contains(q.Id))
                .Select(v => $"{v.Label}, {v.Message}: not allowed in this question's solution").ToList();
            if (forbidden.Count > 0)
            {
                var zero = new TestScore(q.Id, "forbidden call", false, false, 0, q.Points, string.Join("; ", forbidden));
                questions.Add(new QuestionScore(q.Id, q.Title, q.Points, 0, false, [zero], forbidden));
                continue;
            }
            var mine = testEnds.Where(t => t.Question == q.Id).ToList();
            if (broken.Count > 0 || mine.Count == 0)
            {
                if (broken.Count == 0) broken.Add("no test of this question ran (the grading process did not reach the test run)");
                var zero = new TestScore(q.Id, "tests could not run", false, false, 0, q.Points, string.Join("; ", broken));
                questions.Add(new QuestionScore(q.Id, q.Title, q.Points, 0, false, [zero], broken));
                continue;
            }
            double total = mine.Sum(t => t.Weight);
            var scored = mine.Select(t =>
            {
                double share = total > 0 ? q.Points * t.Weight / total : q.Points / mine.Count;
                return new TestScore(q.Id, t.Name, t.Hidden, t.Passed, t.Passed ? share : 0, share, t.Message);
            }).ToList();
            questions.Add(new QuestionScore(q.Id, q.Title, q.Points, Math.Round(scored.Sum(t => t.Score), 6), false, scored, []));
        }
        if (!finished) problems.Add("grading did not finish: the worker kept failing (see the problems above)");
        return (questions, problems, finished);
    }
}
