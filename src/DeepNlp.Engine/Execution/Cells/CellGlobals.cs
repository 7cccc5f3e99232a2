using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Execution;

/// <summary>The members every cell sees as globals: <c>display(...)</c>, <c>HTML(...)</c>, <c>Kernel</c> and <c>Cancellation</c>.</summary>
/// <remarks>
/// The lower-case <c>display</c>, the upper-case <c>HTML</c> and <c>Kernel.GetInputAsync</c> are spelled as .NET Interactive spelled them, so the course
/// notebooks also run there. The type is public only because Roslyn scripting requires a public globals type.
/// </remarks>
public sealed class CellGlobals
{
    private readonly NotebookSession _session;

    internal CellGlobals(NotebookSession session)
    {
        _session = session;
        Kernel = new CellKernel(session);
    }

    /// <summary>Shows <paramref name="value"/> below the cell now and returns a handle to replace it later.</summary>
    /// <param name="value">Anything: text, a record (its ToString and ToHtml), a Plotly.NET chart, <c>HTML(...)</c>.</param>
    /// <returns>A handle whose <see cref="DisplayHandle.Update"/> replaces the shown content in place.</returns>
    public DisplayHandle display(object? value) => _session.Display(value);

    /// <summary>Wraps markup so that displaying it renders HTML.</summary>
    /// <param name="html">The markup.</param>
    public HtmlString HTML(string html) => new(html);

    /// <summary>Asks the person running the notebook for input: <c>await Kernel.GetInputAsync("Your name")</c>,
    /// <c>await Kernel.GetPasswordAsync("Token")</c>, as in .NET Interactive.</summary>
    /// <remarks>Only front ends that accept input can answer (the Jupyter kernel with JupyterLab or VS Code); elsewhere
    /// the call fails at once. <c>Console.ReadLine()</c> asks the same way, with an empty prompt.</remarks>
    public CellKernel Kernel { get; }

    /// <summary>Signalled when the running cell is interrupted or times out; long loops should pass it on or check it.</summary>
    /// <remarks>A cell that ignores it is interrupted with Thread.Interrupt after the grace period, and abandoned after a second one.</remarks>
    public CancellationToken Cancellation => _session.CurrentCellToken;
}
