namespace DeepNlp.Engine.Execution;

/// <summary>A failing cell of a notebook run, located for a human: "cell 7 (line 3): message".</summary>
/// <param name="CellNumber">1-based position of the cell in the notebook, markdown cells counted.</param>
/// <param name="CellId">The cell's nbformat id.</param>
/// <param name="ExecutionCount">The execution count it ran with.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">What went wrong, with line and column inside the cell when known.</param>
public sealed record CellFailure(int CellNumber, string CellId, int ExecutionCount, CellStatus Status, CellError Error)
{
    /// <summary>"cell N, line L, column C: Name: message".</summary>
    public override string ToString()
    {
        var where = Error.Line is null ? $"cell {CellNumber}" : $"cell {CellNumber}, line {Error.Line}, column {Error.Column}";
        return $"{where}: {Error.Name}: {Error.Message}";
    }
}
