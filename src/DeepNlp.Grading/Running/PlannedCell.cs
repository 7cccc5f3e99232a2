namespace DeepNlp.Grading.Running;

/// <summary>One step the grading worker executes (see <see cref="GradingPlan"/>).</summary>
/// <param name="Label">Where it comes from, for feedback: "submission cell 7 (id lab01-07)", "tests of q1", …</param>
/// <param name="Kind">What the step is: a cell, or one of the steps with no code (Mark, Restore, Run).</param>
/// <param name="Question">Question id for tests and hidden cells; empty otherwise.</param>
/// <param name="Code">The C# source (empty for steps).</param>
internal sealed record PlannedCell(string Label, PlannedCellKind Kind, string Question, string Code);
