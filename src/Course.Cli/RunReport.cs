using System.Text.Json;

namespace Course.Cli;

/// <summary>What one notebook's run produced; `course run --report` writes a list of these for `course test`.</summary>
internal sealed record RunReport(
    string Notebook, int CodeCells, int CellsRun, int CellsSkipped, IReadOnlyList<FailureReport> Failures, double Seconds, string? Output)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public bool Succeeded => Failures.Count == 0 && CellsSkipped == 0;
}

/// <summary>One failing cell: where and what.</summary>
internal sealed record FailureReport(int? Cell, int? Line, int? Column, string Error, string Message)
{
    public override string ToString()
    {
        var where = Cell is null ? "" : Line is null ? $"cell {Cell}: " : $"cell {Cell}, line {Line}: ";
        return $"{where}{Error}: {Message}";
    }
}
