namespace DeepNlp.Engine.Execution;

/// <summary>Text a cell wrote to Console.Out or Console.Error.</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Stream">Which stream.</param>
/// <param name="Text">The text, newlines included; consecutive writes may be merged.</param>
public sealed record StreamText(int ExecutionCount, StreamName Stream, string Text) : ExecutionEvent(ExecutionCount);
