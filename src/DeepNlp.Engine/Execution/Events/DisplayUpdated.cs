using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Execution;

/// <summary>A display handle's content was replaced (Jupyter's update_display_data).</summary>
/// <param name="ExecutionCount">The execution count of the cell running when the update happened.</param>
/// <param name="Bundle">The new formatted value.</param>
/// <param name="DisplayId">The id of the display to replace.</param>
public sealed record DisplayUpdated(int ExecutionCount, MimeBundle Bundle, string DisplayId) : ExecutionEvent(ExecutionCount);
