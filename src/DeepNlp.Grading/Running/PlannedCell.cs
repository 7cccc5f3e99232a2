namespace DeepNlp.Grading.Running;

/// <summary>One cell the grading worker executes.</summary>
/// <param name="Label">Where it comes from, for feedback: "submission cell 7 (id lab01-07)", "tests of q1", …</param>
/// <param name="Kind"><c>setup</c>, <c>student</c>, <c>tests</c>, <c>hidden</c>, <c>reset</c> or <c>run</c>.</param>
/// <param name="Question">Question id for tests and hidden cells; empty otherwise.</param>
/// <param name="Code">The C# source.</param>
internal sealed record PlannedCell(string Label, string Kind, string Question, string Code);
