namespace DeepNlp.Kernel.Execution;

/// <summary>How a cell ended: success, or an error with the fields of the protocol's <c>error</c> message.</summary>
/// <param name="Succeeded">True when the cell ran to the end.</param>
/// <param name="ErrorName">The error's name (exception type, or <c>CompilationError</c>); empty on success.</param>
/// <param name="ErrorValue">The error's message; empty on success.</param>
/// <param name="Traceback">Lines shown to the user, the cell's frame first; empty on success.</param>
public sealed record ExecutionOutcome(bool Succeeded, string ErrorName, string ErrorValue, IReadOnlyList<string> Traceback)
{
    /// <summary>The cell ran to the end.</summary>
    public static ExecutionOutcome Success { get; } = new(true, "", "", []);

    /// <summary>The cell failed.</summary>
    /// <param name="name">The error's name.</param>
    /// <param name="value">The error's message.</param>
    /// <param name="traceback">Lines shown to the user.</param>
    /// <returns>The outcome.</returns>
    public static ExecutionOutcome Failure(string name, string value, IReadOnlyList<string> traceback) => new(false, name, value, traceback);
}
