namespace DeepNlp.Grading.Running;

/// <summary>One step the grading worker executes (see <see cref="GradingPlan"/>).</summary>
/// <param name="Label">Where it comes from, for feedback: "submission cell 7 (id lab01-07)", "tests of q1", …</param>
/// <param name="Kind">Cells: <c>setup</c>, <c>provided</c>, <c>student</c>, <c>export</c>, <c>stubs</c>, <c>tests</c>,
/// <c>hidden</c>. Steps with no code: <c>mark</c>, <c>restore</c> (branching) and <c>run</c> (the test run).</param>
/// <param name="Question">Question id for tests and hidden cells; empty otherwise.</param>
/// <param name="Code">The C# source (empty for steps).</param>
internal sealed record PlannedCell(string Label, string Kind, string Question, string Code);
