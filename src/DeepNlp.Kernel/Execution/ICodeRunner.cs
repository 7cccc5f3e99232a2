using CodeCompleteness = DeepNlp.Engine.Execution.CodeCompleteness;
using DeepNlp.Engine.Execution;
namespace DeepNlp.Kernel.Execution;

/// <summary>What the kernel needs from a notebook session: run a cell, judge completeness, complete, inspect, interrupt.</summary>
/// <remarks>The protocol layer depends only on this interface, so it is tested without compiling C#;
/// <c>EngineCodeRunner</c> adapts the kit's engine to it.</remarks>
public interface ICodeRunner : IDisposable
{
    /// <summary>Runs one cell, reporting outputs to <paramref name="sink"/> as they happen.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="sink">Receives streams, displays, display updates and the trailing value, possibly from another thread.</param>
    /// <returns>The engine's outcome: success, or the error to report (the server reads only its status, error and
    /// <see cref="CellOutcome.StateRecovered"/>).</returns>
    CellOutcome Execute(string code, IExecutionSink sink);

    /// <summary>Whether <paramref name="code"/> is a complete submission (for console front ends).</summary>
    /// <param name="code">The code typed so far.</param>
    /// <returns>The verdict.</returns>
    CodeCompleteness IsComplete(string code);

    /// <summary>Completions at a cursor, against the session's current state.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="cursor">Cursor position in UTF-16 code units.</param>
    /// <returns>The matches and the span they replace.</returns>
    CompletionSet Complete(string code, int cursor);

    /// <summary>Signature and documentation of the symbol at a cursor.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="cursor">Cursor position in UTF-16 code units.</param>
    /// <param name="detailLevel">0 for the signature and summary, 1 for more.</param>
    /// <returns>Plain text, or null when no symbol is there.</returns>
    string? Inspect(string code, int cursor, int detailLevel);

    /// <summary>Asks the running cell to stop; returns at once. Called from another thread than <see cref="Execute"/>.</summary>
    void Interrupt();
}
