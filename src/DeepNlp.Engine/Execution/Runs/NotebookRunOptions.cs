namespace DeepNlp.Engine.Execution;

/// <summary>Settings of <see cref="NotebookRunner.RunAsync"/>.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Longest one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Keep executing after a failing cell (default: stop at the first failure, as nbclient does).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Folder for relative <c>#r</c> paths; defaults to the notebook's own folder (or the current directory).</summary>
    public string? NotebookDirectory { get; init; }

    /// <summary>Called after each code cell with its 0-based index in <see cref="Notebooks.Notebook.Cells"/> and its outcome.</summary>
    public Action<int, CellOutcome>? CellCompleted { get; init; }
}
