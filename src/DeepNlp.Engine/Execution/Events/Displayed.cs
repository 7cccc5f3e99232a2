using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Execution;

/// <summary>A cell called <c>display(obj)</c> (Jupyter's display_data).</summary>
/// <param name="ExecutionCount">The cell's execution count.</param>
/// <param name="Bundle">The formatted value.</param>
/// <param name="DisplayId">Id that later <see cref="DisplayUpdated"/> events refer to.</param>
public sealed record Displayed(int ExecutionCount, MimeBundle Bundle, string DisplayId) : ExecutionEvent(ExecutionCount);
