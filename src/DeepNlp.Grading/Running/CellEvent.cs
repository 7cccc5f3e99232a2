namespace DeepNlp.Grading.Running;

/// <summary>One line of the worker's cells log.</summary>
/// <param name="Nonce">The run's secret.</param>
/// <param name="Kind">Start before a cell, End after it, Violation for a forbidden call, Done when the plan is finished.</param>
/// <param name="Index">Position of the cell in the plan.</param>
/// <param name="Label">Where the cell comes from.</param>
/// <param name="CellKind">The planned cell's kind.</param>
/// <param name="Question">Question id for tests cells.</param>
/// <param name="Status">For End and Violation lines: how the cell ended; None otherwise.</param>
/// <param name="Message">For a failed cell: the error with its line.</param>
internal sealed record CellEvent(string Nonce, CellEventKind Kind, int Index, string Label, PlannedCellKind CellKind, string Question,
    CellEventStatus Status, string Message);
