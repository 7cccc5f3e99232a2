namespace DeepNlp.Kernel.Execution;

/// <summary>Completions for a cursor position: the candidate texts and the span of the code they replace.</summary>
/// <param name="Matches">Candidate insertions, best first.</param>
/// <param name="CursorStart">Start of the replaced span (UTF-16 offset).</param>
/// <param name="CursorEnd">End of the replaced span, usually the cursor.</param>
public sealed record CompletionSet(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd)
{
    /// <summary>No completions; the span is empty at <paramref name="cursor"/>.</summary>
    /// <param name="cursor">The cursor position.</param>
    /// <returns>The empty set.</returns>
    public static CompletionSet None(int cursor) => new([], cursor, cursor);
}
