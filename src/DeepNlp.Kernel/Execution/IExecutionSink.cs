using System.Text.Json.Nodes;

namespace DeepNlp.Kernel.Execution;

/// <summary>Receives a running cell's outputs; the kernel turns each call into an IOPub message.</summary>
/// <remarks>MIME bundles are JSON objects keyed by MIME type (<c>text/plain</c> always present), with string values,
/// or JSON values for JSON MIME types such as <c>application/vnd.plotly.v1+json</c>.</remarks>
public interface IExecutionSink
{
    /// <summary>Text written to a stream.</summary>
    /// <param name="stream">Which stream.</param>
    /// <param name="text">The text, as written.</param>
    void Stream(OutputStream stream, string text);

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
}
