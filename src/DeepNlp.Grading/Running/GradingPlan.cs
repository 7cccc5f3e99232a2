using System.Globalization;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Running;

/// <summary>Turns a lab and a submission into the list of cells the worker executes, in order.</summary>
/// <remarks>
/// The order is: the lab's setup cell; the submission's own code cells (its copies of setup and tests cells are left
/// out, so editing a test does not change the grade); <c>Grader.Reset()</c> so that tests the student registered are
/// forgotten; the lab's visible tests cells; the hidden-test chunks (one cell per question, so a compile error costs
/// only that question); and finally <c>Grader.RunForGrading</c>, which runs every test and logs each result.
/// </remarks>
internal static class GradingPlan
{
    public static List<PlannedCell> Build(Lab lab, JsonObject submission, string testsLog, string nonce, double testTimeoutSeconds)
    {
        var plan = new List<PlannedCell>();
        var instructorIds = lab.Cells.Where(c => c.Kind is LabCellKind.Setup or LabCellKind.Tests && c.Id.Length > 0)
            .Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var setup in lab.Cells.Where(c => c.Kind == LabCellKind.Setup))
            plan.Add(new PlannedCell($"lab setup ({setup.Where})", "setup", "", setup.Source));
        var cells = NotebookJson.Cells(submission);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || NotebookJson.CellType(cell) != "code") continue;
            string id = NotebookJson.Id(cell);
            string kind = NotebookJson.Grading(cell)?["kind"]?.GetValue<string>() ?? "";
            if (instructorIds.Contains(id) || kind is "setup" or "tests") continue;
            string where = id.Length > 0 ? $"submission cell {i + 1} (id {id})" : $"submission cell {i + 1}";
            plan.Add(new PlannedCell(where, "student", "", NotebookJson.Source(cell)));
        }
        plan.Add(new PlannedCell("reset of student-registered tests", "reset", "", "global::DeepNlp.Labs.Grader.Reset();"));
        foreach (var tests in lab.Cells.Where(c => c.Kind == LabCellKind.Tests))
            plan.Add(new PlannedCell($"tests of {tests.Question} (lab {tests.Where})", "tests", tests.Question, tests.Source));
        foreach (var chunk in lab.Hidden)
            plan.Add(new PlannedCell($"hidden tests of {chunk.Question} (line {chunk.Line})", "hidden", chunk.Question, chunk.Source));
        string timeout = testTimeoutSeconds.ToString("R", CultureInfo.InvariantCulture);
        plan.Add(new PlannedCell("test run", "run", "",
            $"global::DeepNlp.Labs.Grader.RunForGrading(@\"{testsLog.Replace("\"", "\"\"")}\", \"{nonce}\", {timeout});"));
        return plan;
    }
}
