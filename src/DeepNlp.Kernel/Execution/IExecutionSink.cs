using DeepNlp.Engine.Execution;
using System.Text.Json.Nodes;

namespace DeepNlp.Kernel.Execution;

/// <summary>The front end as a running cell sees it: receives the cell's outputs (the kernel turns each call into an
/// IOPub message) and answers its requests for input (stdin channel).</summary>
/// <remarks>MIME bundles are JSON objects keyed by MIME type (<c>text/plain</c> always present), with string values,
/// or JSON values for JSON MIME types such as <c>application/vnd.plotly.v1+json</c>.</remarks>
public interface IExecutionSink
{
    /// <summary>Text written to a stream.</summary>
    /// <param name="stream">Which stream.</param>
    /// <param name="text">The text, as written.</param>
    void Stream(StreamName stream, string text);

    /// <summary>A rich output.</summary>
    /// <param name="data">The MIME bundle.</param>
    /// <param name="displayId">The id a later update names, or null when the display cannot be updated.</param>
    void Display(JsonObject data, string? displayId);

    /// <summary>New contents for an earlier display.</summary>
    /// <param name="data">The MIME bundle.</param>
    /// <param name="displayId">The id given to <see cref="Display"/>.</param>
    void UpdateDisplay(JsonObject data, string displayId);

    /// <summary>The value of the cell's trailing expression.</summary>
    /// <param name="data">The MIME bundle.</param>
    void Result(JsonObject data);

    /// <summary>Asks the front end that sent the cell for one line of input, and waits for it.</summary>
    /// <param name="prompt">Shown beside the input box.</param>
    /// <param name="password">True to hide what is typed.</param>
    /// <param name="cancellationToken">Ends the wait (the cell was interrupted).</param>
    /// <returns>The line, or null when the front end signalled the end of input.</returns>
    /// <exception cref="InvalidOperationException">The front end does not accept input for this cell (allow_stdin false).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, or the kernel is stopping.</exception>
    string? ReadInput(string prompt, bool password, CancellationToken cancellationToken);
}
