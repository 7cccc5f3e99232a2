using DeepNlp.Engine.Notebooks;

namespace DeepNlp.Engine.Execution;

/// <summary>What <see cref="NotebookRunner.RunAsync"/> did: the executed notebook, per-cell outcomes and the failures.</summary>
/// <param name="Notebook">The notebook with outputs and execution counts filled in.</param>
/// <param name="Outcomes">Outcome of each executed code cell, keyed by its 0-based index in <c>Notebook.Cells</c>.</param>
/// <param name="Failures">Failing cells in order (at most one unless ContinueOnError).</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="CellsSkipped">Code cells not executed because an earlier cell failed.</param>
public sealed record NotebookRunResult(
    Notebook Notebook,
    IReadOnlyDictionary<int, CellOutcome> Outcomes,
    IReadOnlyList<CellFailure> Failures,
    TimeSpan Elapsed,
    int CellsSkipped)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Failures.Count == 0 && CellsSkipped == 0;
}
