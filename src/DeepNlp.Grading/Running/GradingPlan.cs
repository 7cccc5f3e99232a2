using DeepNlp.Engine.Notebooks;
using System.Text.Json.Nodes;
using DeepNlp.Grading.Authoring;

namespace DeepNlp.Grading.Running;

/// <summary>Turns a lab and a submission into the cells the worker executes, in order, on two branches of one chain.</summary>
/// <remarks>
/// <para>Order: the <b>prefix</b>, shared by both branches: the lab's setup cell, the lab's provided cells (helpers and
/// classes, always the lab's copy) and one generated cell declaring a delegate type per graded function. Then
/// <c>mark</c>. The <b>student's branch</b>: the submission's own code cells (its copies of setup, provided and tests
/// cells are left out, so editing them changes nothing) and one export cell per graded function. Then <c>restore</c>,
/// which continues the chain from the mark: nothing the student's cells declared is in scope from here on. The
/// <b>tests branch</b>: one stub per graded function (calling the exported delegate), the lab's visible tests cells
/// and the hidden-test chunks (one cell per question, so a compile error costs only that question). Finally <c>run</c>,
/// where the worker itself runs every registered test.</para>
/// <para>So the only names a test can bind to are the kit's, the framework's, the lab's and the graded functions'
/// stubs; the submission is reached through the graded functions' exact signatures and nothing else.</para>
/// </remarks>
internal static class GradingPlan
{
    public static List<PlannedCell> Build(Lab lab, JsonObject submission)
    {
        var plan = new List<PlannedCell>();
        var labOnlyIds = lab.Cells.Where(c => c.Kind is LabCellKind.Setup or LabCellKind.Tests or LabCellKind.Provided && c.Id.Length > 0)
            .Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in lab.Cells.Where(c => c.Kind is LabCellKind.Setup or LabCellKind.Provided).OrderBy(c => c.Kind != LabCellKind.Setup).ThenBy(c => c.Index))
            plan.Add(new PlannedCell($"lab {(cell.Kind == LabCellKind.Setup ? "setup" : "provided code")} ({cell.Where})", cell.Kind == LabCellKind.Setup ? PlannedCellKind.Setup : PlannedCellKind.Provided, "", cell.Source));
        if (lab.GradedFunctions.Count > 0)
            plan.Add(new PlannedCell("the graded functions' delegate types", PlannedCellKind.Provided, "",
                string.Join("\n", lab.GradedFunctions.Select(f => f.DelegateDeclaration()))));
        plan.Add(new PlannedCell("start of the student's branch", PlannedCellKind.Mark, "", ""));

        var cells = NotebookJson.Cells(submission);
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || NotebookJson.CellType(cell) != "code") continue;
            string id = NotebookJson.Id(cell);
            string kind = NotebookJson.Grading(cell)?["kind"]?.GetValue<string>() ?? "";
            if (labOnlyIds.Contains(id) || kind is "setup" or "tests" or "provided") continue;
            string where = id.Length > 0 ? $"submission cell {i + 1} (id {id})" : $"submission cell {i + 1}";
            plan.Add(new PlannedCell(where, PlannedCellKind.Student, "", NotebookJson.Source(cell)));
        }
        foreach (var f in lab.GradedFunctions)
            plan.Add(new PlannedCell($"export of {f.Signature}", PlannedCellKind.Export, "", f.ExportCode()));

        plan.Add(new PlannedCell("start of the tests' branch", PlannedCellKind.Restore, "", ""));
        if (lab.GradedFunctions.Count > 0)
            plan.Add(new PlannedCell("stubs of the graded functions", PlannedCellKind.Stubs, "", string.Join("\n\n", lab.GradedFunctions.Select(f => f.StubCode()))));
        foreach (var tests in lab.Cells.Where(c => c.Kind == LabCellKind.Tests))
            plan.Add(new PlannedCell($"tests of {tests.Question} (lab {tests.Where})", PlannedCellKind.Tests, tests.Question, tests.Source));
        foreach (var chunk in lab.Hidden)
            plan.Add(new PlannedCell($"hidden tests of {chunk.Question} (line {chunk.Line})", PlannedCellKind.Hidden, chunk.Question, chunk.Source));
        plan.Add(new PlannedCell("test run", PlannedCellKind.Run, "", ""));
        return plan;
    }
}
