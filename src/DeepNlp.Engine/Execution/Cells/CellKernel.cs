namespace DeepNlp.Engine.Execution;

/// <summary>What a cell reaches as <c>Kernel</c>: asking the person running the notebook for input, spelled as
/// .NET Interactive's <c>Microsoft.DotNet.Interactive.Kernel.GetInputAsync</c> and <c>GetPasswordAsync</c>.</summary>
/// <remarks>
/// In the Jupyter kernel a front end that accepts input (JupyterLab, VS Code: <c>allow_stdin</c>) shows an input box with
/// the prompt. Headless runs (<c>course run</c>, <c>course test</c>, the grader), and front ends that do not accept input,
/// make these methods fail at once with <see cref="InvalidOperationException"/> instead of waiting. The cell's thread
/// waits for the answer (cells run on their own thread, so this blocks nothing else); interrupting the cell ends the wait.
/// </remarks>
public sealed class CellKernel
{
    private readonly NotebookSession _session;

    internal CellKernel(NotebookSession session) => _session = session;

    /// <summary>Asks for one line of text.</summary>
    /// <param name="prompt">Shown beside the input box.</param>
    /// <returns>The line typed, without its line break.</returns>
    /// <exception cref="InvalidOperationException">The front end does not accept input (headless runs, <c>allow_stdin</c> false).</exception>
    /// <exception cref="EndOfStreamException">The front end signalled the end of input (Ctrl-D).</exception>
    /// <exception cref="OperationCanceledException">The cell was interrupted or timed out while waiting.</exception>
    public Task<string> GetInputAsync(string prompt = "") => Ask(prompt, password: false, text => text);

    /// <summary>Asks for a password: the front end hides what is typed, and the result does not show it.</summary>
    /// <param name="prompt">Shown beside the input box.</param>
    /// <returns>The password.</returns>
    /// <exception cref="InvalidOperationException">The front end does not accept input (headless runs, <c>allow_stdin</c> false).</exception>
    /// <exception cref="EndOfStreamException">The front end signalled the end of input (Ctrl-D).</exception>
    /// <exception cref="OperationCanceledException">The cell was interrupted or timed out while waiting.</exception>
    public Task<PasswordString> GetPasswordAsync(string prompt = "") => Ask(prompt, password: true, text => new PasswordString(text));

    private Task<T> Ask<T>(string prompt, bool password, Func<string, T> wrap)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        try
        {
            var line = _session.ReadInput(prompt, password) ?? throw new EndOfStreamException("the front end ended the input (Ctrl-D)");
            return Task.FromResult(wrap(line));
        }
        catch (OperationCanceledException e)
        {
            return Task.FromCanceled<T>(e.CancellationToken.IsCancellationRequested ? e.CancellationToken : new CancellationToken(true));
        }
        catch (Exception e) when (e is InvalidOperationException or EndOfStreamException)
        {
            return Task.FromException<T>(e);
        }
    }
}
