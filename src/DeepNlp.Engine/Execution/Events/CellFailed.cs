namespace DeepNlp.Engine.Execution;

/// <summary>A cell failed to compile, threw, timed out or was interrupted; Jupyter's error output.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Error">What went wrong and where.</param>
public sealed record CellFailed(int ExecutionCount, CellError Error) : ExecutionEvent(ExecutionCount);
