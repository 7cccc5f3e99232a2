namespace DeepNlp.Grading.Authoring;

/// <summary>One cell of a lab as the grader sees it.</summary>
/// <param name="Index">Zero-based position in the notebook.</param>
/// <param name="Id">The nbformat 4.5 cell id (empty for older notebooks).</param>
/// <param name="CellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
/// <param name="Kind">The cell's role in the lab.</param>
/// <param name="Question">Question id for tests and written cells; empty otherwise.</param>
/// <param name="Source">The cell's full source.</param>
public sealed record LabCell(int Index, string Id, string CellType, LabCellKind Kind, string Question, string Source)
{
    /// <summary>"cell 7 (id abc123)", for error messages (one-based like the notebook UI).</summary>
    public string Where => Id.Length > 0 ? $"cell {Index + 1} (id {Id})" : $"cell {Index + 1}";
}
