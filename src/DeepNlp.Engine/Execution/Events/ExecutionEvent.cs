namespace DeepNlp.Engine.Execution;

/// <summary>Something a running cell produced; raised by <see cref="NotebookSession.EventRaised"/> in order.</summary>
/// <remarks>
/// Subtypes: <see cref="StreamText"/>, <see cref="Displayed"/>, <see cref="DisplayUpdated"/>, <see cref="CellResult"/>,
/// <see cref="CellFailed"/>. Front ends switch on the type: the kernel maps them to iopub messages, the runner to stored outputs.
/// </remarks>
/// <param name="ExecutionCount">The execution count of the cell that produced the event.</param>
public abstract record ExecutionEvent(int ExecutionCount);
