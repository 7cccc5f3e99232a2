using DeepNlp.Engine.Display;

namespace DeepNlp.Engine.Execution;

/// <summary>The members every cell sees as globals: <c>display(...)</c>, <c>HTML(...)</c> and <c>Cancellation</c>.</summary>
/// <remarks>
/// The lower-case <c>display</c> and the upper-case <c>HTML</c> are spelled as .NET Interactive spelled them, so the course
/// notebooks also run there. The type is public only because Roslyn scripting requires a public globals type.
/// </remarks>
public sealed class CellGlobals
{
    private readonly NotebookSession _session;

    internal CellGlobals(NotebookSession session) => _session = session;

    /// <summary>Shows <paramref name="value"/> below the cell now and returns a handle to replace it later.</summary>
    /// <param name="value">Anything: text, a record (its ToString and ToHtml), a Plotly.NET chart, <c>HTML(...)</c>.</param>
    /// <returns>A handle whose <see cref="DisplayHandle.Update"/> replaces the shown content in place.</returns>
    public DisplayHandle display(object? value) => _session.Display(value);

    /// <summary>Wraps markup so that displaying it renders HTML.</summary>
    /// <param name="html">The markup.</param>
    public HtmlString HTML(string html) => new(html);

    /// <summary>Signalled when the running cell is interrupted or times out; long loops should pass it on or check it.</summary>
    /// <remarks>A cell that ignores it is interrupted with Thread.Interrupt after the grace period, and abandoned after a second one.</remarks>
    public CancellationToken Cancellation => _session.CurrentCellToken;
}
