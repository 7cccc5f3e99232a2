using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Execution;

/// <summary>The value of a cell's trailing expression (no semicolon); Jupyter's execute_result.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Bundle">The formatted value.</param>
public sealed record CellResult(int ExecutionCount, MimeBundle Bundle) : ExecutionEvent(ExecutionCount);
