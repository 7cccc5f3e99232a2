namespace DeepNlp.Grading.Running;

/// <summary>One line of the worker's cells log.</summary>
/// <param name="Nonce">The run's secret.</param>
/// <param name="Kind"><c>start</c> before a cell, <c>end</c> after it, <c>done</c> when the plan is finished.</param>
/// <param name="Index">Position of the cell in the plan.</param>
/// <param name="Label">Where the cell comes from.</param>
/// <param name="CellKind">The planned cell's kind (student, tests, hidden, …).</param>
/// <param name="Question">Question id for tests cells.</param>
/// <param name="Status">For <c>end</c>: Ok, CompileError, RuntimeError, TimedOut, Interrupted or Crashed.</param>
/// <param name="Message">For a failed cell: the error with its line.</param>
internal sealed record CellEvent(string Nonce, string Kind, int Index, string Label, string CellKind, string Question,
    string Status, string Message);
