namespace DeepNlp.Engine.Execution;

/// <summary>Why a cell failed and where, ready for Jupyter's error message (ename, evalue, traceback).</summary>
/// <param name="Name">"CompilationError", "DirectiveError", "PackageError", "Timeout", "Interrupted", or the exception's type name.</param>
/// <param name="Message">One-paragraph message (the first compile error, or the exception's message).</param>
/// <param name="Traceback">Lines to show: every diagnostic, or the stack with the cell's frame first.</param>
/// <param name="Line">1-based line in the cell, when known.</param>
/// <param name="Column">1-based column in the cell, when known.</param>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback, int? Line, int? Column)
{
    /// <summary>"Name: Message", the line a summary table shows.</summary>
    public override string ToString() => Line is null ? $"{Name}: {Message}" : $"{Name} at line {Line}, column {Column}: {Message}";
}
