using System.Text.Json.Nodes;

namespace DeepNlp.Engine.Notebooks;

/// <summary>One notebook cell: kind, id, source, metadata, and for code cells outputs and execution count.</summary>
/// <remarks>Keys this type does not model (e.g. <c>attachments</c>) are kept in <see cref="Extra"/> and written back unchanged.</remarks>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="kind">Code, markdown or raw.</param>
    /// <param name="source">The cell's text.</param>
    /// <param name="id">nbformat 4.5 cell id; a fresh one is generated when null.</param>
    public NotebookCell(CellKind kind, string source, string? id = null)
    {
        Kind = kind;
        Source = source;
        Id = id ?? NewId();
        Metadata = kind == CellKind.Code ? KitNotebookMetadata.CreateCodeCellMetadata() : new JsonObject();
    }

    /// <summary>nbformat 4.5 cell id (1-64 characters of letters, digits, '-' and '_').</summary>
    public string Id { get; set; }

    /// <summary>Code, markdown or raw.</summary>
    public CellKind Kind { get; }

    /// <summary>The cell's source text.</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata, unknown keys included.</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>Outputs of a code cell, in order (always empty for other kinds).</summary>
    public List<CellOutput> Outputs { get; } = new();

    /// <summary>The execution count of a code cell, or null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Keys of the cell's JSON that this type does not model, preserved on write.</summary>
    public JsonObject Extra { get; } = new();

    /// <summary>A new random cell id (8 hex digits, as JupyterLab makes them).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Removes outputs, the execution count and the run's timing record (what the repository stores).</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
        Metadata.Remove(ExecutionTiming.Key);
    }
}
