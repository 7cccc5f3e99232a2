namespace DeepNlp.Engine.Execution;

/// <summary>The result of <see cref="NotebookSession.ExecuteAsync"/>: status, error, elapsed time and the events raised.</summary>
/// <param name="ExecutionCount">The execution count given to the cell (counts every executed cell, failed ones too).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">The error when <paramref name="Status"/> is not Ok.</param>
/// <param name="Elapsed">Wall time, compilation included.</param>
/// <param name="Events">Every event the cell raised, in order (the same ones passed to EventRaised).</param>
/// <param name="StateRecovered">False when a stopped cell could not be stopped cleanly: its thread was abandoned and may
/// still change shared objects, so the session should be restarted. True otherwise.</param>
public sealed record CellOutcome(
    int ExecutionCount,
    CellStatus Status,
    CellError? Error,
    TimeSpan Elapsed,
    IReadOnlyList<ExecutionEvent> Events,
    bool StateRecovered = true)
{
    /// <summary>True when the cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;
}
