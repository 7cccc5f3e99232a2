namespace DeepNlp.Engine.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to completion.</summary>
    Ok,

    /// <summary>Did not compile (or a directive was invalid); nothing ran.</summary>
    CompileError,

    /// <summary>Threw an exception.</summary>
    RuntimeError,

    /// <summary>Stopped by <see cref="NotebookSession.Interrupt"/> or the caller's cancellation token.</summary>
    Interrupted,

    /// <summary>Stopped because it ran past the per-cell timeout.</summary>
    TimedOut,
}
