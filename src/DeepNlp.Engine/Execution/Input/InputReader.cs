namespace DeepNlp.Engine.Execution;

/// <summary>Asks the person running the notebook for one line of input, on behalf of a running cell.</summary>
/// <param name="prompt">Text shown beside the input box; empty for console reads (see the remarks of
/// <see cref="NotebookSessionOptions.InputReader"/>).</param>
/// <param name="password">True when what is typed should be hidden.</param>
/// <param name="cancellationToken">Cancelled when the cell is interrupted or times out; the reader must then stop
/// waiting and throw <see cref="OperationCanceledException"/>.</param>
/// <returns>The line typed, without its line break; null when the front end signals the end of input.</returns>
/// <exception cref="InvalidOperationException">The front end does not accept input for this cell.</exception>
/// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
public delegate string? InputReader(string prompt, bool password, CancellationToken cancellationToken);
